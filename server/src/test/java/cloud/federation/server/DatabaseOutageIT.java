package cloud.federation.server;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ServerNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged server on PostgreSQL while PostgreSQL itself is stopped and started again (Debian's
 * {@code pg_ctlcluster}, the cluster on port 5432): readiness goes DOWN so a load balancer stops sending traffic,
 * liveness stays UP so an orchestrator does not restart a node that is fine, and the node serves again by itself
 * once the database is back, without a restart.
 */
class DatabaseOutageIT {

    static ServerNodes nodes;
    static int port;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        nodes = new ServerNodes();
        port = ServerNodes.freePort();
        nodes.start(port, "http://localhost:" + port, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres("start"); // whatever happened, leave the machine's database running
        nodes.close();
    }

    @Test
    void readinessFollowsTheDatabaseAndTheNodeRecoversByItself() throws Exception {
        assertEquals(200, get("/q/health/ready").statusCode());
        assertEquals(200, adminToken().statusCode());
        try {
            postgres("stop");
            HttpResponse<String> down = await("/q/health/ready", 503, Duration.ofSeconds(60));
            assertTrue(down.body().contains("\"DOWN\""), down.body());
            assertEquals(200, get("/q/health/live").statusCode(), "alive: restarting the node would not help");
            int refused = adminToken().statusCode();
            assertTrue(refused >= 500, "no token without the database, answered " + refused);
        } finally {
            postgres("start");
        }
        await("/q/health/ready", 200, Duration.ofSeconds(90));
        HttpResponse<String> token = adminToken();
        assertEquals(200, token.statusCode(), "served again without a restart: " + token.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A password grant for the bootstrap admin: reads and writes the database (user, throttle, session). */
    private static HttpResponse<String> adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + AdminApi.ADMIN + "&password="
                + URLEncoder.encode(AdminApi.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(250);
        }
        fail(path + " did not answer " + status + " within " + within + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
        return last;
    }

    /** Stops or starts the machine's PostgreSQL cluster on port 5432, waiting until it is down or accepting. */
    private static void postgres(String action) throws IOException, InterruptedException {
        String[] cluster = cluster();
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], action, "-m", "fast"),
                "start".equals(action));
        for (int i = 0; i < 120; i++) {
            boolean accepting = new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432").start()
                    .waitFor() == 0;
            if (accepting == "start".equals(action)) {
                return;
            }
            Thread.sleep(250);
        }
        fail("PostgreSQL did not " + action);
    }

    /** Version and name of the cluster on port 5432, from {@code pg_lsclusters}. */
    private static String[] cluster() throws IOException, InterruptedException {
        Process ls = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
        String out = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ls.waitFor();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[2].equals("5432")) {
                return new String[]{f[0], f[1]};
            }
        }
        throw new IllegalStateException("no PostgreSQL cluster on port 5432: " + out);
    }

    /** Runs a command; a start that finds the cluster running already is fine. */
    private static void run(List<String> command, boolean tolerateRunning) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 && !(tolerateRunning && out.contains("already running"))
                && !out.contains("is not running")) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
