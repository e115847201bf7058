package cloud.federation.server;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged application, started as a user would with no configuration in an empty directory, runs on its
 * embedded H2 database under ./data, generates its master key (0600) and LDAP certificate, serves LDAPS on 1636,
 * and prints a bootstrap admin password once.
 */
class EmbeddedH2SmokeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void packagedServerRunsOnH2WithNoConfiguration() throws Exception {
        Path workDir = Files.createTempDirectory("federation-h2");
        Path log = workDir.resolve("console.log");
        int port = freePort();
        String jar = System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar");
        // Only the HTTP port is chosen (so the test never collides with a server already on 8080).
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(jar).toAbsolutePath().toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("FEDERATION_") || k.startsWith("QUARKUS_"));
        builder.environment().put("FEDERATION_HTTP_PORT", String.valueOf(port));
        server = builder.start();

        long started = System.nanoTime();
        String health = waitForHealth(port, log);
        System.out.printf("H2 smoke: server healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(health.contains("\"status\": \"UP\"") || health.contains("\"status\":\"UP\""), health);

        String console = Files.readString(log, StandardCharsets.UTF_8);
        Matcher password = Pattern.compile("username 'admin', password: (\\S+)").matcher(console);
        assertTrue(password.find(), "bootstrap password printed once on the console");
        assertTrue(Files.exists(workDir.resolve("data/federation.mv.db")), "H2 file database under ./data");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("data/master.key"))));

        // LDAPS on its default port with a self-signed certificate generated under ./data, trusted as is.
        Path cert = workDir.resolve("data/ldap-tls/ldap-cert.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                workDir.resolve("data/ldap-tls/ldap-key.pem"))));
        String certificate = Files.readString(cert);
        try (LDAPConnection ldaps = new LDAPConnection(new SSLUtil(new PEMFileTrustManager(cert.toFile()))
                .createSSLSocketFactory(), "127.0.0.1", 1636)) {
            assertEquals("3", ldaps.getRootDSE().getAttributeValue("supportedLDAPVersion"));
        }

        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + password.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());

        // A restart reuses the database and key, and does not print a new password.
        server.destroy();
        server.waitFor();
        Path secondLog = workDir.resolve("console-2.log");
        server = builder.redirectOutput(secondLog.toFile()).start();
        waitForHealth(port, secondLog);
        assertTrue(!Files.readString(secondLog).contains("password:"), "no second bootstrap password");
        assertEquals(certificate, Files.readString(cert), "the LDAP certificate survives restarts");
    }

    private static String waitForHealth(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        fail("server did not become healthy; console:\n" + Files.readString(log));
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
