package cloud.federation.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A controllable OpenID Provider on loopback, speaking the real wire format (discovery, authorize redirect, token
 * endpoint with client authentication and PKCE, JWKS, userinfo). It signs users in without a login form, and each
 * test can make it misbehave (wrong issuer, bad signature, no kid, …) to prove the relying party refuses.
 */
public final class LoopbackOp implements AutoCloseable {

    public static final String CLIENT_ID = "federation";
    public static final String CLIENT_SECRET = "loopback-op-secret";

    /** What the OP asserts about the next user. */
    public record User(String subject, String email, boolean emailVerified, String name) {
    }

    private record Grant(String redirectUri, String nonce, String challenge, User user) {
    }

    private final HttpServer server;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<JWK> published = new ArrayList<>();
    private JWK signingKey;
    private volatile User user = new User("upstream-alice", "alice@contoso.example", true, "Alice Example");
    private volatile UnaryOperator<JWTClaimsSet> claimsTweak = c -> c;
    private volatile UnaryOperator<JWSHeader> headerTweak = h -> h;
    private volatile String signingOverride; // "none" | "es256-unpublished" | "rs256-unpublished"
    private volatile String discoveryIssuer;
    private volatile String userinfoSubject;
    private volatile String lastLoginHint;
    private volatile String trustedClientJwks;
    private volatile String[] authorizeError; // {error, error_description or null}

    public LoopbackOp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rotateKey();
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.createContext("/userinfo", this::userinfo);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Identity provider config as an admin would enter it (endpoints come from discovery). */
    public String idpJson(String alias, String domains) {
        return "{\"alias\":\"" + alias + "\",\"providerId\":\"oidc\",\"displayName\":\"Loopback OP\",\"config\":{"
                + "\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET
                + "\",\"loginHint\":\"true\"" + (domains == null ? "" : ",\"home.idp.discovery.domains\":\"" + domains + "\"")
                + "}}";
    }

    public LoopbackOp user(User next) {
        this.user = next;
        return this;
    }

    public LoopbackOp tweakClaims(UnaryOperator<JWTClaimsSet> tweak) {
        this.claimsTweak = tweak;
        return this;
    }

    public LoopbackOp tweakHeader(UnaryOperator<JWSHeader> tweak) {
        this.headerTweak = tweak;
        return this;
    }

    public LoopbackOp signWith(String override) {
        this.signingOverride = override;
        return this;
    }

    public LoopbackOp discoveryIssuer(String issuer) {
        this.discoveryIssuer = issuer;
        return this;
    }

    public LoopbackOp userinfoSubject(String subject) {
        this.userinfoSubject = subject;
        return this;
    }

    /** Accept private_key_jwt client assertions verified with the keys published at this JWKS URL. */
    public LoopbackOp trustClientJwks(String jwksUrl) {
        this.trustedClientJwks = jwksUrl;
        return this;
    }

    /** Answers the next authorization requests with this OAuth error (and description, if not null) instead of a code. */
    public LoopbackOp answerWithError(String error, String description) {
        this.authorizeError = error == null ? null : new String[] {error, description};
        return this;
    }

    public String lastLoginHint() {
        return lastLoginHint;
    }

    /** Publishes a second key and signs with it from now on (the old one stays published). */
    public synchronized void rotateKey() {
        try {
            signingKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        published.add(signingKey);
    }

    /** Publishes another key too, without changing the signing key. */
    public synchronized void publishExtraKey() {
        try {
            published.add(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange ex) throws IOException {
        String iss = discoveryIssuer != null ? discoveryIssuer : issuer();
        json(ex, 200, "{\"issuer\":\"" + iss + "\",\"authorization_endpoint\":\"" + issuer() + "/authorize\","
                + "\"token_endpoint\":\"" + issuer() + "/token\",\"userinfo_endpoint\":\"" + issuer() + "/userinfo\","
                + "\"jwks_uri\":\"" + issuer() + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        lastLoginHint = q.get("login_hint");
        if (!CLIENT_ID.equals(q.get("client_id")) || !"S256".equals(q.get("code_challenge_method"))) {
            json(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String[] error = authorizeError;
        if (error != null) {
            ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?error=" + enc(error[0])
                    + (error[1] == null ? "" : "&error_description=" + enc(error[1])) + "&state=" + enc(q.get("state")));
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge"), user));
        String location = q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes());
        boolean authenticated = f.containsKey("client_assertion") ? assertionValid(f.get("client_assertion"))
                : expected.equals(basic);
        if (!authenticated) {
            json(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = grants.remove(f.getOrDefault("code", ""));
        if (grant == null || !grant.redirectUri().equals(f.get("redirect_uri")) || !s256(f.get("code_verifier")).equals(grant.challenge())) {
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String accessToken = "at-" + UUID.randomUUID();
        grants.put(accessToken, grant);
        json(ex, 200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"id_token\":\"" + idToken(grant) + "\"}");
    }

    private boolean assertionValid(String assertion) {
        if (trustedClientJwks == null) {
            return false;
        }
        try {
            com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<com.nimbusds.jose.proc.SecurityContext> anyType =
                    new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(com.nimbusds.jose.JOSEObjectType.JWT, null);
            com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor =
                    new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(anyType);
            processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(JWKSet.load(new java.net.URL(trustedClientJwks)))));
            JWTClaimsSet claims = processor.process(assertion, null);
            return CLIENT_ID.equals(claims.getIssuer()) && CLIENT_ID.equals(claims.getSubject())
                    && claims.getAudience().contains(issuer() + "/token") && claims.getExpirationTime().after(new Date());
        } catch (Exception e) {
            return false;
        }
    }

    private String idToken(Grant grant) {
        Date now = new Date();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(grant.user().subject())
                .audience(CLIENT_ID).issueTime(now).expirationTime(new Date(now.getTime() + 300_000))
                .claim("nonce", grant.nonce()).claim("name", grant.user().name()).claim("amr", List.of("pwd"))
                .claim("given_name", grant.user().name().split(" ")[0]).claim("family_name", "Example");
        if (grant.user().email() != null) {
            claims.claim("email", grant.user().email()).claim("email_verified", grant.user().emailVerified());
        }
        JWTClaimsSet tweaked = claimsTweak.apply(claims.build());
        try {
            if ("none".equals(signingOverride)) {
                return new com.nimbusds.jwt.PlainJWT(tweaked).serialize();
            }
            if ("es256-unpublished".equals(signingOverride)) {
                JWK ec = new ECKeyGenerator(Curve.P_256).keyID(signingKey.getKeyID()).generate();
                SignedJWT jwt = new SignedJWT(headerTweak.apply(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build()), tweaked);
                jwt.sign(new ECDSASigner(ec.toECKey()));
                return jwt.serialize();
            }
            JWK key = "rs256-unpublished".equals(signingOverride)
                    ? new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate() : signingKey;
            SignedJWT jwt = new SignedJWT(headerTweak.apply(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build()), tweaked);
            jwt.sign(new RSASSASigner(key.toRSAKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void jwks(HttpExchange ex) throws IOException {
        json(ex, 200, new JWKSet(new ArrayList<>(published)).toString(true));
    }

    private void userinfo(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Grant grant = auth == null ? null : grants.get(auth.replace("Bearer ", ""));
        if (grant == null) {
            json(ex, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        User u = grant.user();
        String sub = userinfoSubject != null ? userinfoSubject : u.subject();
        json(ex, 200, "{\"sub\":\"" + sub + "\",\"email\":\"" + u.email() + "\",\"email_verified\":" + u.emailVerified()
                + ",\"name\":\"" + u.name() + "\"}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String enc(String v) {
        return URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8);
    }

    public static Map<String, String> uriQuery(URI uri) {
        return form(uri.getRawQuery());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
