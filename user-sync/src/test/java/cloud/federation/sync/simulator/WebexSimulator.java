package cloud.federation.sync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Webex REST API as a directory sync reads it: List People (with {@code callingData}), Get Person Details,
 * List Workspaces, the Webex Calling lists of virtual lines, hunt groups, call queues and auto attendants, and the
 * refresh of a service app's access token. Paging follows RFC 5988 {@code Link} headers as Webex does; tests inject
 * one-shot faults to prove a client copes.
 */
public final class WebexSimulator implements AutoCloseable {

    private final WebexDirectory directory;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final WebexAccessTokens tokens;
    private final WebexResources resources;
    private final FaultQueue<WebexFault> faults = new FaultQueue<>();
    private final RequestLog requests = new RequestLog();

    private WebexSimulator(WebexDirectory directory, TestCertificateAuthority authority) throws IOException {
        this.directory = directory;
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        if (authority == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(authority.serverContext()));
            server = https;
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "webex-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        baseUrl = (authority == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
        tokens = new WebexAccessTokens(directory.orgId());
        resources = new WebexResources(directory, baseUrl);
        server.start();
    }

    /** Plain HTTP on a free port of 127.0.0.1. */
    public static WebexSimulator start(WebexDirectory directory) {
        return create(directory, null);
    }

    /** HTTPS with a certificate from {@code authority}; clients must trust its {@code caCertificatePem()}. */
    public static WebexSimulator startTls(WebexDirectory directory, TestCertificateAuthority authority) {
        return create(directory, authority);
    }

    private static WebexSimulator create(WebexDirectory directory, TestCertificateAuthority authority) {
        try {
            return new WebexSimulator(directory, authority);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http(s)://127.0.0.1:PORT}; clients append {@code /v1/...} as they would to {@code https://webexapis.com}. */
    public String apiBaseUrl() {
        return baseUrl;
    }

    public WebexDirectory directory() {
        return directory;
    }

    /** A valid personal (or bot) access token; after {@link #expireAccessTokens()} this hands out a new one. */
    public String accessToken() {
        return tokens.personal();
    }

    /** Registers a service app (or integration) whose refresh token {@code POST /v1/access_token} accepts. */
    public void serviceApp(String clientId, String clientSecret, String refreshToken) {
        tokens.register(clientId, clientSecret, refreshToken);
    }

    /** Every access token issued so far is answered with 401 from now on. */
    public void expireAccessTokens() {
        tokens.expireAll();
    }

    /** Successful refresh-token grants so far. */
    public int tokenRefreshes() {
        return tokens.refreshes();
    }

    /**
     * When on, next links carry only {@code cursor} (or {@code start}) and {@code max} and drop the other query
     * parameters, such as {@code callingData=true}, as Webex has been seen to do. A client that follows such a link
     * verbatim then gets people without calling data.
     */
    public void dropQueryParamsInLinks(boolean on) {
        resources.dropQueryParamsInLinks = on;
    }

    /** Queues a one-shot fault for the next API request (the token endpoint is never hit by faults). */
    public void inject(WebexFault fault) {
        faults.add(fault, fault.passFirst());
    }

    public List<RecordedRequest> requests() {
        return requests.snapshot();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling

    private void handle(HttpExchange exchange) {
        long arrival = System.nanoTime();
        String trackingId = "ROUTER_" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            byte[] body = Replies.readBody(exchange);
            exchange.getResponseHeaders().set("TrackingID", trackingId);
            if (path.equals("/v1/access_token")) {
                Map<String, List<String>> form = parseOrEmpty(new String(body, StandardCharsets.UTF_8));
                record(method, path, rawQuery, arrival, tokens.refreshAllowed(form));
                send(exchange, "POST".equals(method) ? tokens.refresh(form, trackingId)
                        : WebexErrors.error(405, "The requested method is not supported.", trackingId));
                return;
            }
            boolean authorized = tokens.isValid(bearer(exchange));
            record(method, path, rawQuery, arrival, authorized);
            WebexFault fault = faults.take(f -> true);
            if (fault != null) {
                applyFault(exchange, fault, trackingId);
            } else if (!authorized) {
                send(exchange, WebexErrors.error(401, WebexErrors.NEEDS_TOKEN, trackingId));
            } else if (!"GET".equals(method)) {
                send(exchange, WebexErrors.error(405, "The requested method is not supported.", trackingId)
                        .header("Allow", "GET"));
            } else {
                send(exchange, answer(path, rawQuery, trackingId));
            }
        } catch (Replies.Abort deliberate) {
            throw deliberate;
        } catch (Throwable e) {
            try {
                send(exchange, WebexErrors.error(500, "Simulator failure: " + e, trackingId));
            } catch (IOException | RuntimeException ignored) {
                Replies.drop(exchange);
            }
        }
    }

    private Answer answer(String path, String rawQuery, String trackingId) {
        try {
            return resources.answer(path, QueryString.parse(rawQuery), trackingId);
        } catch (IllegalArgumentException e) {
            return WebexErrors.error(400, "Malformed query string.", trackingId);
        }
    }

    private void applyFault(HttpExchange exchange, WebexFault fault, String trackingId) throws IOException {
        switch (fault.kind()) {
            case STATUS -> send(exchange, WebexErrors.forStatus(fault.statusCode(), trackingId)
                    .header("Retry-After", fault.retryAfter()));
            case CONNECTION_RESET -> Replies.drop(exchange);
            case MALFORMED_JSON -> send(exchange, Answer.of(200, WebexErrors.JSON_TYPE, "{\"items\":[{\"id\":\""
                    + trackingId + "\",\"emails\":[\"broken@" + SyntheticTenant.DOMAIN + "\"],"));
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        Replies.send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private void record(String method, String path, String rawQuery, long arrival, boolean authorized) {
        requests.add(new RecordedRequest(method, path, rawQuery, arrival, authorized));
    }

    private static Map<String, List<String>> parseOrEmpty(String text) {
        try {
            return QueryString.parse(text);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }
}
