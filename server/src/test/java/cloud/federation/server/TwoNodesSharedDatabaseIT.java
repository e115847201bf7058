package cloud.federation.server;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two server nodes (the packaged jar, re-augmented for PostgreSQL) behind one public URL, sharing one database and
 * master key: a login started on node 1 finishes on node 2, which issues the code; node 1 serves its userinfo.
 */
class TwoNodesSharedDatabaseIT {

    static final PostgresTestDatabase database = new PostgresTestDatabase();
    static final List<Process> nodes = new ArrayList<>();
    static int port1;
    static int port2;
    static LoopbackOp op;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> db = database.start();
        Path app = Files.createTempDirectory("federation-pg").resolve("quarkus-app");
        copy(Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar")).getParent(), app);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process rebuild = new ProcessBuilder(java, "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql",
                "-jar", app.resolve("quarkus-run.jar").toString()).directory(app.toFile()).inheritIO().start();
        assertEquals(0, rebuild.waitFor(), "re-augmentation for PostgreSQL");

        port1 = freePort();
        port2 = freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (int port : new int[] {port1, port2}) {
            ProcessBuilder node = new ProcessBuilder(java, "-jar", app.resolve("quarkus-run.jar").toString())
                    .directory(app.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(app.getParent().resolve("node-" + port + ".log").toFile());
            Map<String, String> env = node.environment();
            env.put("FEDERATION_HTTP_PORT", String.valueOf(port));
            env.put("FEDERATION_BASE_URL", "http://localhost:" + port1); // one public name for both nodes
            env.put("FEDERATION_DB_URL", db.get("quarkus.datasource.jdbc.url"));
            env.put("FEDERATION_DB_USERNAME", db.get("quarkus.datasource.username"));
            env.put("FEDERATION_MASTER_KEY", Base64.getEncoder().encodeToString(key));
            env.put("FEDERATION_BOOTSTRAP_ADMIN_USERNAME", AdminApi.ADMIN);
            env.put("FEDERATION_BOOTSTRAP_ADMIN_PASSWORD", AdminApi.ADMIN_PASSWORD);
            nodes.add(node.start());
            waitForHealth(port, app.getParent().resolve("node-" + port + ".log"));
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port1;
        op = new LoopbackOp();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process node : nodes) {
            node.destroy();
            node.waitFor();
        }
        if (op != null) {
            op.close();
        }
        database.stop();
        RestAssured.reset();
    }

    @Test
    void aLoginStartedOnOneNodeFinishesOnTheOther() {
        SignOnSetup setup = SignOnSetup.create("nodes", op.idpJson("upstream", null));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
        SuiteBrowser browser = new SuiteBrowser();
        String node1Callback = "http://localhost:" + port1 + "/realms/" + setup.realm + "/broker/";

        // Node 1 takes the authorization request and sends the browser upstream; the upstream's redirect to our
        // callback is stopped there so the "load balancer" can hand it to node 2.
        SuiteBrowser.Stop atCallback = browser.open(setup.authorizeUrl("state=two-nodes&login_hint="
                + SuiteBrowser.enc(setup.user("alice"))), node1Callback);
        assertTrue(atCallback.atSuite(), "stopped at our callback");
        String onNode2 = atCallback.location().toString().replace(":" + port1 + "/", ":" + port2 + "/");
        SuiteBrowser.Stop atSuite = browser.open(onNode2, SignOnSetup.REDIRECT_URI);
        assertTrue(atSuite.atSuite(), () -> "node 2 finished the login: " + atSuite.page().body());
        assertEquals("two-nodes", atSuite.query().get("state"));

        String access = RestAssured.given().port(port2).auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("code", atSuite.query().get("code")).formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        RestAssured.given().port(port1).auth().oauth2(access)
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("email", equalTo(setup.user("alice")));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
