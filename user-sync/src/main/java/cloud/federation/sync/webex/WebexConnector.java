package cloud.federation.sync.webex;

import cloud.federation.sync.engine.ChangeSet;
import cloud.federation.sync.engine.DirectoryConnector;
import cloud.federation.sync.engine.RunProgress;
import cloud.federation.sync.engine.SyncCursor;
import cloud.federation.sync.engine.UpstreamException;
import cloud.federation.sync.http.RetryPolicy;
import cloud.federation.sync.http.TrustedCa;
import cloud.federation.sync.user.UserType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Webex through its REST API: people (with calling data), workspaces and the Calling objects suites import. Webex
 * has no delta for these lists, so every run is a full listing, paged by {@code Link} headers.
 */
public final class WebexConnector implements DirectoryConnector {

    private static final Logger LOG = Logger.getLogger(WebexConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest {@code max} the list APIs accept. */
    static final int MAX_PAGE = 1000;
    /** With {@code callingData=true}, List People answers at most 100 per page. */
    static final int MAX_PEOPLE_PAGE_WITH_CALLING = 100;

    private final WebexSettings settings;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final WebexTokens tokens;

    public WebexConnector(WebexSettings settings, RetryPolicy retry, Duration timeout, Consumer<String> rotatedRefreshToken) {
        this.settings = settings;
        this.retry = retry;
        this.timeout = timeout;
        this.tokens = new WebexTokens(settings, rotatedRefreshToken);
    }

    @Override
    public SyncCursor fetch(SyncCursor from, ChangeSet into, RunProgress progress) throws UpstreamException {
        into.beginUserListing();
        try (WebexApi api = client()) {
            Map<String, String> locations = new HashMap<>();
            if (settings.objectTypes().contains("people") || settings.objectTypes().contains("workspaces")) {
                list(api, "/v1/locations", Map.of("max", String.valueOf(MAX_PAGE)), "items", progress,
                        l -> locations.put(l.path("id").asText(), l.path("name").asText(null)));
            }
            for (String type : settings.objectTypes()) {
                switch (type) {
                    case "people" -> list(api, "/v1/people", orderedParams("callingData", "true", "max",
                            String.valueOf(MAX_PEOPLE_PAGE_WITH_CALLING)), "items", progress,
                            p -> into.user(WebexMapping.person(p, locations)));
                    case "workspaces" -> list(api, "/v1/workspaces", Map.of("max", String.valueOf(MAX_PAGE)), "items",
                            progress, w -> into.user(WebexMapping.workspace(w, locations)));
                    case "virtualLines" -> calling(api, "virtualLines", "virtualLines", progress, into, WebexMapping::virtualLine);
                    case "huntGroups" -> calling(api, "huntGroups", "huntGroups", progress, into,
                            f -> WebexMapping.callingFeature(f, UserType.HUNT_GROUP));
                    case "callQueues" -> calling(api, "queues", "queues", progress, into,
                            f -> WebexMapping.callingFeature(f, UserType.CALL_QUEUE));
                    case "autoAttendants" -> calling(api, "autoAttendants", "autoAttendants", progress, into,
                            f -> WebexMapping.callingFeature(f, UserType.AUTO_ATTENDANT));
                    default -> throw new UpstreamException("unknown Webex object type " + type);
                }
            }
        } catch (UpstreamException e) {
            throw e;
        } catch (Exception e) {
            LOG.debug("Webex listing failed", e);
            throw new UpstreamException("Webex request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        return SyncCursor.START;
    }

    private void calling(WebexApi api, String path, String key, RunProgress progress, ChangeSet into,
                         Function<JsonNode, cloud.federation.sync.user.UserPatch> mapping) throws UpstreamException {
        list(api, "/v1/telephony/config/" + path, Map.of("max", String.valueOf(MAX_PAGE)), key, progress,
                o -> into.user(mapping.apply(o)));
    }

    private static Map<String, String> orderedParams(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Pages through one list, following {@code Link: <…>; rel="next"} and restoring dropped parameters. */
    private void list(WebexApi api, String path, Map<String, String> params, String itemsKey, RunProgress progress,
                      Consumer<JsonNode> onItem) throws UpstreamException {
        String url = LinkHeader.restore(settings.apiBaseUrl() + path, params);
        while (url != null) {
            progress.page();
            Page page = get(api, url);
            JsonNode items = page.body.get(itemsKey);
            if (items == null || !items.isArray()) {
                throw new UpstreamException("Webex " + path + " answered without an '" + itemsKey + "' array");
            }
            for (JsonNode item : items) {
                if (!item.hasNonNull("id")) {
                    throw new UpstreamException("Webex " + path + " listed an object without id");
                }
                onItem.accept(item);
            }
            url = page.next == null ? null : LinkHeader.restore(page.next, params);
        }
    }

    private record Page(JsonNode body, String next) {
    }

    private Page get(WebexApi api, String url) throws UpstreamException {
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            String failure;
            String retryAfter = null;
            try (Response response = api.get(url, "Bearer " + tokens.current(api))) {
                int status = response.getStatus();
                if (status == 200) {
                    String body = response.readEntity(String.class);
                    try {
                        return new Page(JSON.readTree(body), LinkHeader.next(response.getStringHeaders().get("Link")).orElse(null));
                    } catch (IOException e) {
                        throw new UpstreamException("Webex answered malformed JSON for " + path(url));
                    }
                }
                if (status == 401 && settings.serviceApp() && !refreshed) {
                    tokens.invalidate();
                    refreshed = true;
                    attempt--;
                    continue;
                }
                if (!retry.retries(status)) {
                    throw new UpstreamException("Webex answered HTTP " + status + " for " + path(url));
                }
                failure = "HTTP " + status;
                retryAfter = response.getHeaderString("Retry-After");
            } catch (ProcessingException e) {
                failure = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            }
            if (attempt >= retry.maxAttempts()) {
                throw new UpstreamException("Webex " + path(url) + " failed after " + attempt + " attempts: " + failure);
            }
            Duration wait = retry.waitBefore(attempt, retryAfter, Clock.systemUTC());
            LOG.debugf("Webex %s: %s, retrying in %d ms", path(url), failure, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException("run cancelled");
            }
        }
    }

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }

    private WebexApi client() {
        TrustedCa trust = TrustedCa.withExtra(settings.trustedCaPem());
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.apiBaseUrl())
                .trustStore(trust.keyStore())
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(WebexApi.class);
    }
}
