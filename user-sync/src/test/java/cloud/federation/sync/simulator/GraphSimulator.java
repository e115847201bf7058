package cloud.federation.sync.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph v1.0 users and groups delta query plus the Entra ID token endpoint, over HTTPS on 127.0.0.1,
 * speaking the documented wire format: state tokens in absolute nextLink/deltaLink URLs, {@code @removed},
 * {@code members@delta} slices, {@code manager@delta}, Graph and Entra error bodies, Retry-After. Tests shape the
 * paging and inject one-shot faults to prove a client copes.
 */
public final class GraphSimulator implements AutoCloseable {

    private static final Pattern DELTA = Pattern.compile("^/v1\\.0/(users|groups)/(delta|microsoft\\.graph\\.delta)(\\(\\))?/?$");
    private static final Pattern TOKEN = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token/?$");
    private static final Pattern OPENID = Pattern.compile("^/([^/]+)(?:/v2\\.0)?/\\.well-known/openid-configuration/?$");
    private static final Pattern DISCOVERY = Pattern.compile("^/([^/]+)/discovery/instance/?$");
    private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Bearer { VALID, MISSING, EXPIRED, INVALID }

    private final GraphDirectory directory;
    private final TestCertificateAuthority authority;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final String host;
    private final String tenantId = UUID.randomUUID().toString();
    private final String clientId = UUID.randomUUID().toString();
    private final String clientSecret = secret();
    private final EntraEndpoints entra;
    private final DeltaOptions options = new DeltaOptions();
    private final DeltaEndpoint delta;
    private final FaultQueue<GraphFault> faults = new FaultQueue<>();
    private final RequestLog requests = new RequestLog();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private volatile HttpHandler admin;

    private GraphSimulator(GraphDirectory directory, TestCertificateAuthority authority) throws IOException {
        this.directory = directory;
        this.authority = authority;
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(authority.serverContext()));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "graph-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        // create() has bound the port already; start serving only once everything a request needs exists.
        this.host = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
        this.entra = new EntraEndpoints(tenantId, clientId, clientSecret, host, validTokens::add);
        this.delta = new DeltaEndpoint(directory, options, graphBaseUrl());
        server.start();
    }

    /** Starts on a free port of 127.0.0.1 with a fresh test CA, tenant id, client id and secret. */
    public static GraphSimulator start(GraphDirectory directory) {
        try {
            return new GraphSimulator(directory, TestCertificateAuthority.generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Entra authority host, {@code https://127.0.0.1:PORT/}; the tenant id goes after it. */
    public String authorityHost() {
        return host;
    }

    /** {@code https://127.0.0.1:PORT/v1.0}, the equivalent of {@code https://graph.microsoft.com/v1.0}. */
    public String graphBaseUrl() {
        return host + "v1.0";
    }

    public String caCertificatePem() {
        return authority.caCertificatePem();
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public GraphDirectory directory() {
        return directory;
    }

    /** Objects per delta page, chosen by the server as Graph does (the client's $top is ignored). Default 100. */
    public void pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        options.pageSize = size;
    }

    /** After every {@code n} pages an empty page that still has a nextLink; 0 turns it off. Applies to new rounds. */
    public void emptyPageEvery(int n) {
        options.emptyPageEvery = Math.max(0, n);
    }

    /** Repeats every page's objects on the following page (delta allows replays). */
    public void duplicateEveryObject(boolean on) {
        options.duplicateEveryObject = on;
    }

    /** Members per {@code members@delta} appearance of a group; larger groups appear on several pages. Default 20. */
    public void memberSliceSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("slice size must be positive");
        }
        options.memberSliceSize = size;
    }

    /**
     * True (default): an updated object in an incremental round carries only {@code id} and its changed tracked
     * properties, cleared ones as null. False: Graph's documented default without {@code Prefer: return=minimal},
     * which repeats every tracked property that has a value; a request that sends that header still gets only changes.
     */
    public void changedPropertiesOnly(boolean on) {
        options.changedPropertiesOnly = on;
    }

    /**
     * False (default): a group's later appearances carry only {@code id} and the next {@code members@delta} slice.
     * True: they repeat the group's properties, as the "Paging through members in a large group" example shows.
     */
    public void repeatGroupPropertiesInSlices(boolean on) {
        options.repeatGroupPropertiesInSlices = on;
    }

    /**
     * The answer to an expired delta or skip token: 400 {@code syncStateNotFound} (default; what Graph documents for
     * directory objects past the token lifetime) or 410 {@code resyncRequired} with a Location header naming a fresh
     * delta request (the documented "synchronization reset").
     */
    public void expiredTokenStatus(int status) {
        if (status != 400 && status != 410) {
            throw new IllegalArgumentException("400 or 410");
        }
        delta.expiredTokenStatus(status);
    }

    /** Every delta and skip token handed out so far stops working. */
    public void expireDeltaTokens() {
        delta.expireTokens();
    }

    /** Every access token handed out so far is answered with 401 {@code InvalidAuthenticationToken}. */
    public void expireAccessTokens() {
        for (String token : List.copyOf(validTokens)) {
            expiredTokens.add(token);
            validTokens.remove(token);
        }
    }

    public void inject(GraphFault fault) {
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

    /** Serves {@code /_sim/...} with {@code handler}, unauthenticated and unrecorded; for {@link GraphSimulatorMain}. */
    void adminHandler(HttpHandler handler) {
        this.admin = handler;
    }

    // ---- request handling

    private void handle(HttpExchange exchange) {
        long arrival = System.nanoTime();
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            HttpHandler adminHandler = admin;
            if (path.startsWith("/_sim/") && adminHandler != null) {
                adminHandler.handle(exchange);
                return;
            }
            String requestId = UUID.randomUUID().toString();
            String clientRequestId = header(exchange, "client-request-id", requestId);
            byte[] body = Replies.readBody(exchange);
            Map<String, List<String>> query;
            try {
                query = lowerCaseNames(QueryString.parse(rawQuery));
            } catch (IllegalArgumentException e) {
                record(method, path, rawQuery, arrival, false);
                send(exchange, GraphErrors.graph(400, "BadRequest", "Malformed query string.", requestId, clientRequestId),
                        requestId, clientRequestId);
                return;
            }

            Route route = route(exchange, path, query, body, requestId, clientRequestId);
            record(method, path, rawQuery, arrival, route.authorized());
            GraphFault fault = route.target() == null ? null : faults.take(f -> f.target().covers(route.target()));
            if (fault == null) {
                send(exchange, route.action().get(), requestId, clientRequestId);
            } else {
                applyFault(exchange, fault, route.target(), route.action(), query, requestId, clientRequestId);
            }
        } catch (Replies.Abort deliberate) {
            throw deliberate;
        } catch (Throwable e) {
            try {
                Replies.send(exchange, 500, "text/plain; charset=utf-8",
                        ("Simulator failure: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                Replies.drop(exchange);
            }
        }
    }

    /** Which fault target a request is, whether it proved who it is, and how to answer it. */
    private record Route(GraphFault.Target target, boolean authorized, Supplier<Answer> action) {
    }

    private Route route(HttpExchange exchange, String path, Map<String, List<String>> query, byte[] body, String requestId,
                        String clientRequestId) {
        String method = exchange.getRequestMethod();
        Matcher m = DELTA.matcher(path);
        if (m.matches()) {
            boolean groups = m.group(1).equals("groups");
            Bearer bearer = bearer(exchange);
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            return new Route(groups ? GraphFault.Target.GROUPS : GraphFault.Target.USERS, bearer == Bearer.VALID, () -> {
                if (!"GET".equals(method)) {
                    return GraphErrors.graph(405, "Request_BadRequest",
                            "Specified HTTP method is not allowed for the request target.", requestId, clientRequestId)
                            .header("Allow", "GET");
                }
                return bearer != Bearer.VALID ? unauthorized(bearer, requestId, clientRequestId)
                        : delta.answer(groups, query, prefer, requestId, clientRequestId);
            });
        }
        if ((m = TOKEN.matcher(path)).matches()) {
            String tenant = m.group(1);
            Map<String, List<String>> form = formOrEmpty(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            return new Route(GraphFault.Target.TOKEN, entra.credentialsValid(tenant, form, authorization),
                    () -> "POST".equals(method) ? entra.token(tenant, form, authorization, clientRequestId)
                            : GraphErrors.entra(405, "invalid_request", 900561, "The endpoint only accepts POST requests. "
                            + "Received a " + method + " request.", clientRequestId, host));
        }
        if ((m = OPENID.matcher(path)).matches()) {
            String tenant = m.group(1);
            return new Route(null, false, () -> entra.openIdConfiguration(tenant));
        }
        if (DISCOVERY.matcher(path).matches()) {
            return new Route(null, false, () -> entra.instanceDiscovery(query));
        }
        if (path.startsWith("/v1.0/")) {
            Bearer bearer = bearer(exchange);
            String segment = path.substring("/v1.0/".length());
            return new Route(null, bearer == Bearer.VALID, () -> bearer != Bearer.VALID
                    ? unauthorized(bearer, requestId, clientRequestId)
                    : GraphErrors.graph(400, "BadRequest", "Resource not found for the segment '" + segment + "'.",
                    requestId, clientRequestId));
        }
        return new Route(null, false, () -> Answer.of(404, "text/plain; charset=utf-8", "Not Found"));
    }


    private Answer unauthorized(Bearer bearer, String requestId, String clientRequestId) {
        String message = switch (bearer) {
            case MISSING -> "Access token is empty.";
            case EXPIRED -> "Lifetime validation failed, the token is expired.";
            default -> "IDX14100: JWT is not well formed, there are no dots (.).";
        };
        return GraphErrors.graph(401, "InvalidAuthenticationToken", message, requestId, clientRequestId)
                .header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + host
                        + "common/oauth2/authorize\", client_id=\"" + GRAPH_APP_ID + "\"");
    }

    private void applyFault(HttpExchange exchange, GraphFault fault, GraphFault.Target target, Supplier<Answer> action,
                            Map<String, List<String>> query, String requestId, String clientRequestId) throws IOException {
        boolean token = target == GraphFault.Target.TOKEN;
        switch (fault.kind()) {
            case STATUS -> send(exchange, (token
                    ? GraphErrors.entraForStatus(fault.statusCode(), clientRequestId, host)
                    : GraphErrors.forStatus(fault.statusCode(), requestId, clientRequestId))
                    .header("Retry-After", fault.retryAfter()), requestId, clientRequestId);
            case GONE -> send(exchange, delta.gone(target == GraphFault.Target.GROUPS, query, requestId, clientRequestId),
                    requestId, clientRequestId);
            case TRUNCATED_BODY -> {
                Answer real = action.get();
                decorate(exchange, real, requestId, clientRequestId);
                Replies.sendHalf(exchange, real.status(), real.contentType(), real.body());
            }
            case CONNECTION_RESET -> Replies.drop(exchange);
            case MALFORMED_JSON -> {
                String broken = token
                        ? "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":"
                        : "{\"@odata.context\":\"" + graphBaseUrl() + "/$metadata#users\",\"value\":[{\"id\":\"" + requestId
                        + "\",\"displayName\":}]";
                send(exchange, Answer.of(200, token ? GraphErrors.ENTRA_JSON : GraphErrors.GRAPH_JSON, broken), requestId,
                        clientRequestId);
            }
        }
    }

    private void send(HttpExchange exchange, Answer answer, String requestId, String clientRequestId) throws IOException {
        decorate(exchange, answer, requestId, clientRequestId);
        Replies.send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private void decorate(HttpExchange exchange, Answer answer, String requestId, String clientRequestId) {
        Headers headers = exchange.getResponseHeaders();
        if (exchange.getRequestURI().getRawPath().startsWith("/v1.0/")) {
            headers.set("request-id", requestId);
            headers.set("client-request-id", clientRequestId);
            headers.set("OData-Version", "4.0");
            headers.set("Cache-Control", "no-cache");
            headers.set("Strict-Transport-Security", "max-age=31536000");
            headers.set("x-ms-ags-diagnostic",
                    "{\"ServerInfo\":{\"DataCenter\":\"Loopback\",\"Slice\":\"E\",\"Ring\":\"0\",\"ScaleUnit\":\"000\"}}");
        }
        answer.headers().forEach(headers::set);
    }

    private Bearer bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Bearer.MISSING;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Bearer.INVALID;
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            return Bearer.MISSING;
        }
        return validTokens.contains(token) ? Bearer.VALID : expiredTokens.contains(token) ? Bearer.EXPIRED : Bearer.INVALID;
    }

    private void record(String method, String path, String rawQuery, long arrival, boolean authorized) {
        requests.add(new RecordedRequest(method, path, rawQuery, arrival, authorized));
    }

    private static Map<String, List<String>> formOrEmpty(byte[] body) {
        try {
            return QueryString.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** OData system query options are case-insensitive ($deltaToken and $deltatoken both appear in the docs). */
    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> query) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        query.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        return lower;
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Shaped like an Entra client secret value: three characters, a digit, "Q~", then 34 more. */
    private static String secret() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            secret.append(alphabet.charAt(RANDOM.nextInt(52)));
        }
        secret.append(RANDOM.nextInt(10)).append("Q~");
        for (int i = 0; i < 34; i++) {
            secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return secret.toString();
    }
}
