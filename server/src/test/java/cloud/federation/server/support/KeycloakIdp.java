package cloud.federation.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak 26.4.5 ({@code kc.sh start-dev}, from keycloak-quarkus-dist unpacked by the build) playing a
 * customer's identity provider, configured through its own admin REST API.
 */
public final class KeycloakIdp implements AutoCloseable {

    public static final String REALM = "customer";
    public static final String CLIENT_ID = "federation";
    public static final String CLIENT_SECRET = "keycloak-client-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final int port;
    private String adminToken;

    public KeycloakIdp() throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.5"));
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--db=dev-mem", "--cache=local")
                .redirectErrorStream(true).redirectOutput(home.resolve("keycloak-test.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        process = builder.start();
        waitUntilUp(home);
        adminToken = token();
        post("/admin/realms", "{\"realm\":\"" + REALM + "\",\"enabled\":true}");
        post("/admin/realms/" + REALM + "/clients", "{\"clientId\":\"" + CLIENT_ID + "\",\"secret\":\"" + CLIENT_SECRET
                + "\",\"publicClient\":false,\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,"
                + "\"redirectUris\":[\"*\"]}");
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public void addUser(String username, String email, String password) throws Exception {
        adminToken = token();
        post("/admin/realms/" + REALM + "/users", "{\"username\":\"" + username + "\",\"email\":\"" + email
                + "\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Alice\",\"lastName\":\"Liddell\","
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}]}");
    }

    /** Keycloak's SAML IdP metadata for the customer realm. */
    public String samlDescriptorUrl() {
        return issuer() + "/protocol/saml/descriptor";
    }

    /** Registers our SP from its metadata (Keycloak's client-description-converter), optionally encrypting assertions. */
    public void registerSamlServiceProvider(String spMetadataXml, boolean encryptAssertions) throws Exception {
        adminToken = token();
        HttpResponse<String> converted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/realms/" + REALM + "/client-description-converter"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(spMetadataXml)).build(), HttpResponse.BodyHandlers.ofString());
        if (converted.statusCode() != 200) {
            throw new IllegalStateException("client-description-converter: " + converted.statusCode() + " " + converted.body());
        }
        com.fasterxml.jackson.databind.node.ObjectNode client = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(converted.body());
        com.fasterxml.jackson.databind.node.ObjectNode attributes = (com.fasterxml.jackson.databind.node.ObjectNode) client.get("attributes");
        attributes.put("saml.encrypt", String.valueOf(encryptAssertions));
        attributes.put("saml_force_name_id_format", "true");
        attributes.put("saml_name_id_format", "email");
        post("/admin/realms/" + REALM + "/clients", client.toString());
    }

    /** Identity provider JSON for our admin API: issuer only, endpoints from Keycloak's discovery document. */
    public String idpJson(String alias) {
        return "{\"alias\":\"" + alias + "\",\"providerId\":\"oidc\",\"displayName\":\"Customer Keycloak\",\"config\":{"
                + "\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET
                + "\",\"loginHint\":\"true\",\"defaultScope\":\"openid email profile\"}}";
    }

    private void waitUntilUp(Path home) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited:\n" + Files.readString(home.resolve("keycloak-test.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start in 180 s");
    }

    private String token() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("Keycloak admin login failed: " + response.body());
        }
        return m.group(1);
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
