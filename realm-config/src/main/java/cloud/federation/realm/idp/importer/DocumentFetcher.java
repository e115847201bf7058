package cloud.federation.realm.idp.importer;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/** Fetches metadata and discovery documents with a timeout and a size cap. */
public final class DocumentFetcher {

    private final Duration timeout;
    private final int maxBytes;
    private final boolean publicHttpsOnly;
    private final HttpClient client;

    public DocumentFetcher(Duration timeout, int maxBytes) {
        this(timeout, maxBytes, false);
    }

    /**
     * @param publicHttpsOnly for callers who must not reach our own network (realm admins): https only, a host that
     *                        resolves to public addresses only, and no redirects (a public URL could redirect inward)
     */
    public DocumentFetcher(Duration timeout, int maxBytes, boolean publicHttpsOnly) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.publicHttpsOnly = publicHttpsOnly;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(publicHttpsOnly ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL).build();
    }

    public byte[] fetch(URI url) throws ImportException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new ImportException("fromUrl: '" + url + "' is not an absolute http(s) URL");
        }
        if (publicHttpsOnly) {
            requirePublicHttps(url, scheme);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "application/samlmetadata+xml, application/xml, application/json;q=0.9, */*;q=0.1")
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ImportException("Fetching " + url + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new ImportException("Document at " + url + " is larger than " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (HttpTimeoutException e) {
            throw new ImportException("Fetching " + url + " timed out after " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new ImportException("Cannot connect to " + url + " (connection refused or host unreachable)");
        } catch (IOException e) {
            throw new ImportException("Cannot fetch " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("Fetching " + url + " was interrupted");
        }
    }

    private static void requirePublicHttps(URI url, String scheme) throws ImportException {
        java.util.Optional<String> refusal = PublicAddresses.whyNotPublicHttps(url);
        if (refusal.isPresent()) {
            throw new ImportException("fromUrl: " + refusal.get());
        }
    }
}
