package cloud.federation.server.bench;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser's cookie jar for loopback: like Chromium, it treats http://127.0.0.1 as a secure context and so keeps
 * {@code Secure} cookies (Keycloak's session cookies are {@code SameSite=None; Secure}); the JDK's CookieManager
 * would drop them over plain http.
 */
final class LoopbackCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        List<String> matching = new ArrayList<>();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (HttpCookie c : cookies.values()) {
            String cookiePath = c.getPath() == null ? "/" : c.getPath();
            if (uri.getHost().equals(c.getDomain()) && path.startsWith(cookiePath) && !c.hasExpired()) {
                matching.add(c.getName() + "=" + c.getValue());
            }
        }
        return matching.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", matching)));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            for (String value : header.getValue()) {
                for (HttpCookie c : HttpCookie.parse(value)) {
                    c.setDomain(uri.getHost());
                    String key = c.getName() + "|" + (c.getPath() == null ? "/" : c.getPath());
                    if (c.getMaxAge() == 0) {
                        cookies.remove(key);
                    } else {
                        cookies.put(key, c);
                    }
                }
            }
        }
    }
}
