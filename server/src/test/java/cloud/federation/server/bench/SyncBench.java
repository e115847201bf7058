package cloud.federation.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * Full-sync cost of 100,000 Graph users: our server (admin API → Graph SDK → H2/PostgreSQL commit) next to a plain
 * HTTP client that only pages the same users and groups from the same simulator; then the latency from a 100-user
 * change upstream to its commit here. Run by bench/sync.sh.
 *
 * <p>Arguments: ourBaseUrl adminPassword simulatorInfoJson deltaUsers
 */
public final class SyncBench {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_SELECT = "accountEnabled,businessPhones,city,country,createdDateTime,department,"
            + "displayName,employeeId,faxNumber,givenName,id,jobTitle,mail,manager,mobilePhone,officeLocation,"
            + "onPremisesSamAccountName,otherMails,postalCode,preferredLanguage,state,streetAddress,surname,"
            + "userPrincipalName,userType";

    public static void main(String[] args) throws Exception {
        String ours = args[0];
        String password = args[1];
        JsonNode sim = JSON.readTree(Files.readString(Path.of(args[2])));
        int deltaUsers = Integer.parseInt(args[3]);
        HttpClient simClient = HttpClient.newBuilder().sslContext(trusting(sim.get("caCertificatePem").asText())).build();
        HttpClient http = HttpClient.newHttpClient();

        long t0 = System.nanoTime();
        long[] paged = pageEverything(simClient, sim);
        long baselineMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        String token = adminToken(http, ours, password);
        String source = createRealmWithSource(http, ours, token, "bench-sync-" + System.currentTimeMillis(), sim);

        long t1 = System.nanoTime();
        JsonNode full = runToEnd(http, ours, password, source);
        long oursMs = Duration.ofNanos(System.nanoTime() - t1).toMillis();

        System.out.printf("baseline (plain HTTP client, paging only): %,d users + %,d groups in %,d ms%n", paged[0], paged[1], baselineMs);
        System.out.printf("ours (full sync, committed):               %,d users served, %s objects read, %,d ms (run %s)%n",
                full.get("served").asInt(), full.get("upstreamObjects").asText(), oursMs, full.get("status").asText());
        System.out.printf("ratio ours/baseline:                       %.2f%n", (double) oursMs / baselineMs);
        HttpRequest change = HttpRequest.newBuilder(URI.create(sim.get("authorityHost").asText() + "_sim/update?count=" + deltaUsers))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        long t2 = System.nanoTime();
        send(simClient, change, 200);
        JsonNode delta = runToEnd(http, ours, password, source);
        long deltaMs = Duration.ofNanos(System.nanoTime() - t2).toMillis();

        System.out.printf("delta of %d changed users, change -> committed: %,d ms (mode %s, updated %d, status %s)%n",
                deltaUsers, deltaMs, delta.get("mode").asText(), delta.get("updated").asInt(), delta.get("status").asText());
        System.exit(0);
    }

    /**
     * Creates {@code realm} with a manual Entra ID source reading the simulator described by {@code sim} (its
     * {@code --info} file); answers the source's admin URL. Shared with {@link LdapBench}.
     */
    static String createRealmWithSource(HttpClient http, String ours, String token, String realm, JsonNode sim)
            throws Exception {
        return createRealmWithSource(http, ours, token, realm, sim, java.util.Map.of());
    }

    /** The same, with further source config entries (e.g. {@code disabledUsers}). */
    static String createRealmWithSource(HttpClient http, String ours, String token, String realm, JsonNode sim,
                                        java.util.Map<String, String> moreConfig) throws Exception {
        send(http, post(ours + "/admin/realms", token, "{\"realm\":\"" + realm + "\",\"enabled\":true}"), 201);
        ObjectNode source = JSON.createObjectNode().put("name", "entra").put("type", "entra").put("schedule", "manual");
        ObjectNode config = source.putObject("config").put("tenantId", sim.get("tenantId").asText())
                .put("clientId", sim.get("clientId").asText())
                .put("clientSecret", sim.get("clientSecret").asText()).put("authorityHost", sim.get("authorityHost").asText())
                .put("graphBaseUrl", sim.get("graphBaseUrl").asText())
                .put("trustedCaPem", sim.get("caCertificatePem").asText());
        moreConfig.forEach(config::put);
        String sources = ours + "/admin/realms/" + realm + "/directory-sources";
        return sources + "/" + JSON.readTree(send(http, post(sources, token, source.toString()), 201)).get("id").asText();
    }

    /** Users and groups, every page, the way our connector asks for them; answers the object counts. */
    static long[] pageEverything(HttpClient client, JsonNode sim) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(sim.get("clientId").asText()) + "&client_secret="
                + enc(sim.get("clientSecret").asText()) + "&scope=" + enc("https://graph.microsoft.com/.default");
        HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(sim.get("authorityHost").asText()
                        + sim.get("tenantId").asText() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        String token = JSON.readTree(send(client, tokenRequest, 200)).get("access_token").asText();
        String base = sim.get("graphBaseUrl").asText();
        long users = page(client, token, base + "/users/delta?$select=" + USER_SELECT);
        long groups = page(client, token, base + "/groups/delta?$select=id,displayName,description,mail,members");
        return new long[] {users, groups};
    }

    private static long page(HttpClient client, String token, String url) throws Exception {
        long objects = 0;
        String next = url;
        while (next != null) {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token).header("Prefer", "return=minimal").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("simulator answered " + r.statusCode());
            }
            JsonNode page;
            try (InputStream in = r.body()) {
                page = JSON.readTree(in);
            }
            objects += page.get("value").size();
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return objects;
    }

    static JsonNode runToEnd(HttpClient http, String ours, String password, String source) throws Exception {
        String token = adminToken(http, ours, password);
        long tokenAt = System.nanoTime();
        String runId = JSON.readTree(send(http, post(source + "/sync", token, ""), 202)).get("id").asText();
        while (true) {
            Thread.sleep(200);
            // Admin tokens live 60 s and a long first sync outlives one; a new one costs a slow password hash, so
            // only every 40 s, or the bench would steal the server's CPU from the sync it measures.
            if (System.nanoTime() - tokenAt > 40_000_000_000L) {
                token = adminToken(http, ours, password);
                tokenAt = System.nanoTime();
            }
            JsonNode run = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(source + "/sync-runs/" + runId))
                    .header("Authorization", "Bearer " + token).build(), 200));
            if (!"RUNNING".equals(run.get("status").asText())) {
                return run;
            }
        }
    }

    static String adminToken(HttpClient http, String ours, String password) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(ours + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + enc(password))).build();
        return JSON.readTree(send(http, r, 200)).get("access_token").asText();
    }

    static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static String send(HttpClient client, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("simulator-ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
