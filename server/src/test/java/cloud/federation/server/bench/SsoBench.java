package cloud.federation.server.bench;

import cloud.federation.server.support.LoopbackOp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained brokered logins per second (authorize → upstream → callback → code redemption) for our server and for
 * a real Keycloak configured as a broker, both in front of the same auto-approving loopback OP. Run by bench/sso.sh.
 *
 * <p>Arguments: ourBaseUrl ourAdminPassword keycloakBaseUrl seconds concurrency
 */
public final class SsoBench {

    static final String REDIRECT = "https://suite.invalid/cb";
    static final HttpClient ADMIN = HttpClient.newHttpClient();
    static final Pattern SAML_FORM = Pattern.compile(
            "action=\"([^\"]+)\"[^>]*>\\s*<input type=\"hidden\" name=\"SAMLResponse\" value=\"([^\"]+)\"");

    record Target(String name, String authorizeUrl, String tokenUrl, String clientId, String clientSecret) {
    }

    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } finally {
            System.exit(0); // the loopback servers' worker threads must not keep the JVM alive
        }
    }

    static void measure(String[] args) throws Exception {
        String ours = args[0];
        String ourPassword = args[1];
        String keycloak = args[2];
        int seconds = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        try (LoopbackOp op = new LoopbackOp()) {
            String domain = "bench.example";
            op.user(new LoopbackOp.User("bench-user", "alice@" + domain, true, "Alice Bench"));
            Target ourTarget = setUpOurs(ours, ourPassword, op, domain);
            Target kcTarget = setUpKeycloak(keycloak, op);
            Result a = run(ourTarget, seconds, concurrency);
            Result b = run(kcTarget, seconds, concurrency);
            report("OpenID Connect upstream", a, b);
            String samlDomain = "bench-saml.example";
            try (cloud.federation.server.support.LoopbackSamlIdp samlIdp =
                         new cloud.federation.server.support.LoopbackSamlIdp("alice@" + samlDomain)) {
                Target ourSaml = setUpOursSaml(ours, ourPassword, samlIdp, samlDomain);
                Target kcSaml = setUpKeycloakSaml(keycloak, samlIdp);
                report("SAML 2.0 upstream", run(ourSaml, seconds, concurrency), run(kcSaml, seconds, concurrency));
            }
        }
    }

    static void report(String title, Result ours, Result keycloak) {
        System.out.println();
        System.out.println(title);
        System.out.printf("%-26s %10s %9s %9s %7s%n", "broker", "logins/s", "p50 ms", "p99 ms", "errors");
        ours.print();
        keycloak.print();
        System.out.printf("ratio ours/Keycloak: throughput %.2f, p50 latency %.2f%n", ours.rate() / keycloak.rate(),
                ours.percentile(50) / keycloak.percentile(50));
    }

    static Target setUpOursSaml(String base, String password, cloud.federation.server.support.LoopbackSamlIdp idp,
                                String domain) throws Exception {
        String token = adminToken(base, "admin", password);
        String realm = "bench-saml-" + UUID.randomUUID().toString().substring(0, 6);
        call(base + "/admin/realms", token, "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        call(base + "/admin/realms/" + realm + "/domains", token, "{\"name\":\"" + domain + "\",\"verified\":true}");
        String config = call(base + "/admin/realms/" + realm + "/identity-provider/import-config", token,
                "{\"providerId\":\"saml\",\"fromUrl\":\"" + idp.metadataUrl() + "\"}");
        call(base + "/admin/realms/" + realm + "/identity-provider/instances", token,
                "{\"alias\":\"upstream-saml\",\"providerId\":\"saml\",\"config\":" + config + "}");
        String location = call(base + "/admin/realms/" + realm + "/clients", token,
                "{\"clientId\":\"suite\",\"redirectUris\":[\"" + REDIRECT + "\"]}");
        Matcher m = Pattern.compile("\"value\":\"([^\"]+)\"").matcher(call(location + "/client-secret", token, ""));
        m.find();
        String issuer = base + "/realms/" + realm;
        return new Target("federation server", issuer + "/protocol/openid-connect/auth?client_id=suite&response_type=code"
                + "&scope=openid&redirect_uri=" + enc(REDIRECT) + "&login_hint=" + enc("alice@" + domain),
                issuer + "/protocol/openid-connect/token", "suite", m.group(1));
    }

    static Target setUpKeycloakSaml(String base, cloud.federation.server.support.LoopbackSamlIdp idp) throws Exception {
        String token = adminToken(base, "admin", "admin");
        String realm = "bench-saml";
        call(base + "/admin/realms", token, "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        call(base + "/admin/realms/" + realm + "/identity-provider/instances", token,
                "{\"alias\":\"upstream-saml\",\"providerId\":\"saml\",\"enabled\":true,\"trustEmail\":true,\"config\":{"
                        + "\"singleSignOnServiceUrl\":\"" + idp.ssoUrl() + "\",\"idpEntityId\":\"" + cloud.federation.saml.ResponseFixture.IDP
                        + "\",\"validateSignature\":\"true\",\"signingCertificate\":\"" + idp.certificate() + "\","
                        + "\"postBindingResponse\":\"true\",\"postBindingAuthnRequest\":\"false\",\"wantAuthnRequestsSigned\":\"false\","
                        + "\"nameIDPolicyFormat\":\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\",\"syncMode\":\"IMPORT\"}}");
        String mappers = base + "/admin/realms/" + realm + "/identity-provider/instances/upstream-saml/mappers";
        String[][] attributes = {
                {"email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "email"},
                {"first", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "firstName"},
                {"last", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "lastName"}};
        for (String[] a : attributes) {
            call(mappers, token, "{\"name\":\"" + a[0] + "\",\"identityProviderAlias\":\"upstream-saml\","
                    + "\"identityProviderMapper\":\"saml-user-attribute-idp-mapper\",\"config\":{\"syncMode\":\"INHERIT\","
                    + "\"attribute.name\":\"" + a[1] + "\",\"user.attribute\":\"" + a[2] + "\"}}");
        }
        call(base + "/admin/realms/" + realm + "/clients", token, "{\"clientId\":\"suite\",\"secret\":\"suite-secret\","
                + "\"publicClient\":false,\"standardFlowEnabled\":true,\"redirectUris\":[\"" + REDIRECT + "\"]}");
        String issuer = base + "/realms/" + realm;
        return new Target("Keycloak 26.4.5 (broker)", issuer + "/protocol/openid-connect/auth?client_id=suite"
                + "&response_type=code&scope=openid&redirect_uri=" + enc(REDIRECT) + "&kc_idp_hint=upstream-saml",
                issuer + "/protocol/openid-connect/token", "suite", "suite-secret");
    }

    record Result(String name, double rate, List<Long> latenciesMicros, int errors) {
        double percentile(int p) {
            if (latenciesMicros.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMicros.size()) - 1;
            return latenciesMicros.get(Math.max(0, index)) / 1000.0;
        }

        void print() {
            System.out.printf("%-26s %10.1f %9.1f %9.1f %7d%n", name, rate, percentile(50), percentile(99), errors);
        }
    }

    static Result run(Target target, int seconds, int concurrency) throws Exception {
        loop(target, 3, concurrency); // warm-up: JIT, caches, first-login user creation
        return loop(target, seconds, concurrency);
    }

    static Result loop(Target target, int seconds, int concurrency) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        login(target);
                        latencies.add((System.nanoTime() - t0) / 1000);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println(target.name() + ": " + e.getMessage());
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(seconds + 90L, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(target.name(), sorted.size() / elapsed, sorted, errors.get());
    }

    /** One whole login as a browser and a suite would do it. */
    static void login(Target target) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String state = UUID.randomUUID().toString();
        URI next = URI.create(target.authorizeUrl() + "&state=" + state + "&nonce=" + UUID.randomUUID());
        HttpRequest request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build();
        for (int hop = 0; hop < 15; hop++) {
            HttpResponse<String> r = browser.send(request, HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse(null);
            Matcher samlForm = SAML_FORM.matcher(r.body() == null ? "" : r.body());
            if (r.statusCode() == 200 && samlForm.find()) {
                // An HTTP-POST binding page: submit it as the browser's script would.
                Matcher relay = Pattern.compile("name=\"RelayState\" value=\"([^\"]*)\"").matcher(r.body());
                String form = "SAMLResponse=" + enc(samlForm.group(2)) + (relay.find() ? "&RelayState=" + enc(relay.group(1)) : "");
                next = next.resolve(samlForm.group(1).replace("&amp;", "&"));
                request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                continue;
            }
            if (r.statusCode() < 300 || r.statusCode() >= 400 || location == null) {
                throw new IllegalStateException("stopped at " + r.statusCode() + " " + next);
            }
            next = next.resolve(location);
            request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build();
            if (next.toString().startsWith(REDIRECT)) {
                Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
                if (!code.find()) {
                    throw new IllegalStateException("no code: " + next);
                }
                redeem(target, java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8));
                return;
            }
        }
        throw new IllegalStateException("too many redirects");
    }

    static void redeem(Target target, String code) throws Exception {
        String basic = Base64.getEncoder().encodeToString((target.clientId() + ":" + target.clientSecret()).getBytes());
        HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(target.tokenUrl())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code)
                        + "&redirect_uri=" + enc(REDIRECT))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("id_token")) {
            throw new IllegalStateException("token " + r.statusCode() + " " + r.body());
        }
    }

    static Target setUpOurs(String base, String password, LoopbackOp op, String domain) throws Exception {
        String token = adminToken(base, "admin", password);
        String realm = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        call(base + "/admin/realms", token, "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        call(base + "/admin/realms/" + realm + "/domains", token, "{\"name\":\"" + domain + "\",\"verified\":true}");
        call(base + "/admin/realms/" + realm + "/identity-provider/instances", token, op.idpJson("upstream", null));
        String location = call(base + "/admin/realms/" + realm + "/clients", token,
                "{\"clientId\":\"suite\",\"redirectUris\":[\"" + REDIRECT + "\"]}");
        String secretJson = call(location + "/client-secret", token, "");
        Matcher m = Pattern.compile("\"value\":\"([^\"]+)\"").matcher(secretJson);
        m.find();
        String issuer = base + "/realms/" + realm;
        return new Target("federation server", issuer + "/protocol/openid-connect/auth?client_id=suite&response_type=code"
                + "&scope=openid&redirect_uri=" + enc(REDIRECT) + "&login_hint=" + enc("alice@" + domain),
                issuer + "/protocol/openid-connect/token", "suite", m.group(1));
    }

    static Target setUpKeycloak(String base, LoopbackOp op) throws Exception {
        String token = adminToken(base, "admin", "admin");
        String realm = "bench";
        call(base + "/admin/realms", token, "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        call(base + "/admin/realms/" + realm + "/identity-provider/instances", token,
                "{\"alias\":\"upstream\",\"providerId\":\"oidc\",\"enabled\":true,\"trustEmail\":true,\"config\":{"
                        + "\"issuer\":\"" + op.issuer() + "\",\"authorizationUrl\":\"" + op.issuer() + "/authorize\","
                        + "\"tokenUrl\":\"" + op.issuer() + "/token\",\"userInfoUrl\":\"" + op.issuer() + "/userinfo\","
                        + "\"jwksUrl\":\"" + op.issuer() + "/jwks\",\"useJwksUrl\":\"true\",\"validateSignature\":\"true\","
                        + "\"clientId\":\"" + LoopbackOp.CLIENT_ID + "\",\"clientSecret\":\"" + LoopbackOp.CLIENT_SECRET + "\","
                        + "\"clientAuthMethod\":\"client_secret_basic\",\"pkceEnabled\":\"true\",\"pkceMethod\":\"S256\","
                        + "\"defaultScope\":\"openid email profile\",\"syncMode\":\"IMPORT\"}}");
        call(base + "/admin/realms/" + realm + "/clients", token, "{\"clientId\":\"suite\",\"secret\":\"suite-secret\","
                + "\"publicClient\":false,\"standardFlowEnabled\":true,\"redirectUris\":[\"" + REDIRECT + "\"]}");
        String issuer = base + "/realms/" + realm;
        return new Target("Keycloak 26.4.5 (broker)", issuer + "/protocol/openid-connect/auth?client_id=suite"
                + "&response_type=code&scope=openid&redirect_uri=" + enc(REDIRECT) + "&kc_idp_hint=upstream",
                issuer + "/protocol/openid-connect/token", "suite", "suite-secret");
    }

    static String adminToken(String base, String user, String password) throws Exception {
        HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + user
                        + "&password=" + enc(password))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("admin login at " + base + " failed: " + r.body());
        }
        return m.group(1);
    }

    /** POSTs JSON; answers the Location header (creations) or the body. */
    static String call(String url, String token, String json) throws Exception {
        HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().firstValue("Location").orElse(r.body());
    }

    static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
