package cloud.federation.sync.webex;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8288 {@code Link} headers as Webex pages with them. Webex's next links sometimes lose query parameters of
 * the first request ({@code callingData=true} among them, which silently drops the calling fields), so the
 * parameters we asked for are put back when the link lacks them.
 */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {
    }

    static Optional<String> next(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                Matcher rel = REL_NEXT.matcher(m.group(2));
                while (rel.find()) {
                    for (String r : rel.group(1).trim().split("\\s+")) {
                        if (r.equalsIgnoreCase("next")) {
                            return Optional.of(m.group(1).trim());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The link with every parameter of {@code wanted} it lacks appended (its own values win). */
    static String restore(String link, Map<String, String> wanted) {
        URI uri = URI.create(link);
        Map<String, String> present = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                present.put(name, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        StringBuilder out = new StringBuilder(link);
        boolean hasQuery = uri.getRawQuery() != null;
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!present.containsKey(e.getKey())) {
                out.append(hasQuery ? '&' : '?').append(e.getKey()).append('=').append(e.getValue());
                hasQuery = true;
            }
        }
        return out.toString();
    }
}
