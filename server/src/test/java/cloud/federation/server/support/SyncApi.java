package cloud.federation.server.support;

import cloud.federation.sync.simulator.GraphSimulator;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Test-side client of the directory-source API: create sources, start runs and wait for their outcome. */
public final class SyncApi {

    private SyncApi() {
    }

    public static String sourcesPath(String realm) {
        return "/admin/realms/" + realm + "/directory-sources";
    }

    /** An Entra source reading from the simulator (manual schedule unless {@code extraTop} sets one). */
    public static String createEntraSource(String realm, GraphSimulator sim, String extraConfig, String extraTop) {
        String body = "{\"name\":\"entra-" + System.nanoTime() + "\",\"type\":\"entra\""
                + (extraTop.contains("\"schedule\"") ? "" : ",\"schedule\":\"manual\"") + extraTop + ",\"config\":{"
                + "\"tenantId\":\"" + sim.tenantId() + "\",\"clientId\":\"" + sim.clientId() + "\","
                + "\"clientSecret\":\"" + sim.clientSecret() + "\",\"authorityHost\":\"" + sim.authorityHost() + "\","
                + "\"graphBaseUrl\":\"" + sim.graphBaseUrl() + "\",\"trustedCaPem\":" + json(sim.caCertificatePem())
                + extraConfig + "}}";
        return AdminApi.admin().body(body).post(sourcesPath(realm)).then().statusCode(201).extract().path("id");
    }

    /** Starts a run and waits until it is no longer RUNNING; answers the run. */
    public static JsonPath sync(String realm, String sourceId, boolean full) {
        Response started = AdminApi.admin().post(sourcesPath(realm) + "/" + sourceId + "/sync?full=" + full);
        assertEquals(202, started.statusCode(), started.asString());
        return waitFor(realm, sourceId, started.jsonPath().getString("id"));
    }

    public static JsonPath waitFor(String realm, String sourceId, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = AdminApi.admin().get(sourcesPath(realm) + "/" + sourceId + "/sync-runs/" + runId)
                    .then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                return run;
            }
            sleep(100);
        }
        fail("run " + runId + " did not finish");
        return null;
    }

    /** The served users matching an LDAP filter, and their total count. */
    public static Map.Entry<Integer, JsonPath> users(String realm, String filter) {
        Response r = AdminApi.admin().queryParam("filter", filter == null ? "" : filter).queryParam("max", 1000)
                .get("/admin/realms/" + realm + "/users");
        assertEquals(200, r.statusCode(), r.asString());
        return Map.entry(Integer.parseInt(r.header("X-Total-Count")), r.jsonPath());
    }

    public static int count(String realm, String filter) {
        return users(realm, filter).getKey();
    }

    public static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
