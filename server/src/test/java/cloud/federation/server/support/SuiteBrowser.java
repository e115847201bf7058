package cloud.federation.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser as far as the code flow needs one: keeps cookies, follows redirects one by one, and stops when the
 * flow returns to the suite's redirect URI (a host that does not exist) or lands on a page.
 */
public final class SuiteBrowser {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String acceptLanguage;

    public SuiteBrowser() {
        this(null);
    }

    /** A browser whose user prefers {@code acceptLanguage} (sent on every request, as browsers do). */
    public SuiteBrowser(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
    }

    /** Where the flow stopped: either the suite's redirect URI (with its query) or a page. */
    public record Stop(URI location, HttpResponse<String> page) {
        public boolean atSuite() {
            return location != null;
        }

        public Map<String, String> query() {
            return LoopbackOp.form(location.getRawQuery());
        }
    }

    public Stop open(String url, String suitePrefix) {
        return follow(send(request(URI.create(url)).GET().build()), suitePrefix);
    }

    public Stop submit(String url, Map<String, String> form, String suitePrefix) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return follow(send(request(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), suitePrefix);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Stop follow(HttpResponse<String> response, String suitePrefix) {
        for (int hops = 0; hops < 20; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Stop(null, response);
            }
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (next.toString().startsWith(suitePrefix)) {
                return new Stop(next, response);
            }
            response = send(request(next).GET().build());
        }
        throw new IllegalStateException("redirect loop");
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        return acceptLanguage == null ? builder : builder.header("Accept-Language", acceptLanguage);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
