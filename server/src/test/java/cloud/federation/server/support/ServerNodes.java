package cloud.federation.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Server nodes as separate processes: the packaged jar, re-augmented once for PostgreSQL, sharing one test database
 * and master key. Nodes can be stopped gracefully or killed like a crashed machine.
 */
public final class ServerNodes implements AutoCloseable {

    public final PostgresTestDatabase database = new PostgresTestDatabase();
    private final Map<String, String> db;
    private final Path app;
    private final String masterKey;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<Process> processes = new ArrayList<>();

    public ServerNodes() throws Exception {
        db = database.start();
        app = Files.createTempDirectory("federation-pg").resolve("quarkus-app");
        copy(Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar")).getParent(), app);
        Process rebuild = new ProcessBuilder(java, "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql",
                "-jar", app.resolve("quarkus-run.jar").toString()).directory(app.toFile()).inheritIO().start();
        assertEquals(0, rebuild.waitFor(), "re-augmentation for PostgreSQL");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masterKey = Base64.getEncoder().encodeToString(key);
    }

    private final Map<Process, Integer> ldapsPorts = new java.util.HashMap<>();

    /** Starts a node on {@code port} and waits until it is ready; {@code extraEnv} adds or overrides settings. */
    public Process start(int port, String publicBaseUrl, Map<String, String> extraEnv) throws Exception {
        Path log = app.getParent().resolve("node-" + port + "-" + processes.size() + ".log");
        ProcessBuilder node = new ProcessBuilder(java, "-jar", app.resolve("quarkus-run.jar").toString())
                .directory(app.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = node.environment();
        env.put("FEDERATION_HTTP_PORT", String.valueOf(port));
        env.put("FEDERATION_BASE_URL", publicBaseUrl);
        env.put("FEDERATION_DB_URL", db.get("quarkus.datasource.jdbc.url"));
        env.put("FEDERATION_DB_USERNAME", db.get("quarkus.datasource.username"));
        env.put("FEDERATION_MASTER_KEY", masterKey);
        env.put("FEDERATION_BOOTSTRAP_ADMIN_USERNAME", AdminApi.ADMIN);
        env.put("FEDERATION_BOOTSTRAP_ADMIN_PASSWORD", AdminApi.ADMIN_PASSWORD);
        env.put("FEDERATION_LDAP_HOST", "127.0.0.1");
        env.put("FEDERATION_LDAP_LDAPS_PORT", String.valueOf(freePort()));
        env.put("FEDERATION_LDAP_LDAP_PORT", String.valueOf(freePort()));
        env.putAll(extraEnv);
        Process process = node.start();
        processes.add(process);
        ldapsPorts.put(process, Integer.parseInt(env.get("FEDERATION_LDAP_LDAPS_PORT")));
        waitForHealth(port, log);
        return process;
    }

    /** The LDAPS port of a node this started. */
    public int ldapsPort(Process node) {
        return ldapsPorts.get(node);
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
            p.waitFor();
        }
        database.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void waitForHealth(int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        fail("node on " + port + " did not start:\n" + Files.readString(log));
    }
}
