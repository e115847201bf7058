package cloud.federation.realm.admin;

import cloud.federation.realm.problem.ProblemException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks shared by the admin representations; every refusal names the field. */
public final class Validation {

    /** Names that appear in URL paths and LDAP DNs: realm names, aliases. */
    private static final Pattern PATH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Validation() {
    }

    public static String requirePathName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + ": is required");
        }
        if (!PATH_NAME.matcher(value).matches()) {
            throw ProblemException.badRequest(field + ": '" + value
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + ": is required");
        }
        return value;
    }

    /** An absolute http(s) URL (upstream endpoints may be plain http on loopback or inside a private network). */
    public static URI requireHttpUrl(String field, String value) {
        URI uri = parse(field, value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw ProblemException.badRequest(field + ": '" + value + "' is not an absolute http(s) URL");
        }
        return uri;
    }

    /**
     * A redirect URI registered for a suite: exact (no wildcard), absolute, no fragment, https unless loopback.
     */
    public static String requireRedirectUri(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + ": must not be empty");
        }
        if (value.contains("*")) {
            throw ProblemException.badRequest(field + ": wildcards are not allowed; register each exact URI");
        }
        URI uri = parse(field, value);
        if (uri.getRawFragment() != null) {
            throw ProblemException.badRequest(field + ": must not contain a fragment");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw ProblemException.badRequest(field + ": '" + value
                    + "' must be an absolute https URL (http only for localhost)");
        }
        return value;
    }

    private static URI parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + ": is required");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw ProblemException.badRequest(field + ": '" + value + "' is not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest(field + ": '" + value + "' is not a valid URL");
        }
    }
}
