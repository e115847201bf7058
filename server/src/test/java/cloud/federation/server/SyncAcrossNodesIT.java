package cloud.federation.server;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ServerNodes;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphSimulator;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directory sync with two server processes on one PostgreSQL: scheduled runs happen on one node at a time, both
 * nodes serve what was committed, and a node killed in the middle of a run leaves nothing half-written; the other
 * node takes over once the dead node's lease expires.
 */
class SyncAcrossNodesIT {

    static ServerNodes nodes;
    static Process node1;
    static Process node2;
    static int port1;
    static int port2;
    static GraphSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = GraphSimulator.start(GraphDirectory.generate(5, 20_000, 20));
        nodes = new ServerNodes();
        port1 = ServerNodes.freePort();
        port2 = ServerNodes.freePort();
        Map<String, String> sync = Map.of("FEDERATION_SYNC_SCHEDULER_INTERVAL", "1s", "FEDERATION_SYNC_LEASE", "8s",
                "FEDERATION_SYNC_CHANGE_POLL_INTERVAL", "500ms");
        node1 = nodes.start(port1, "http://localhost:" + port1, sync);
        node2 = nodes.start(port2, "http://localhost:" + port1, sync);
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port2;
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (sim != null) {
            sim.close();
        }
        RestAssured.reset();
    }

    @Test
    void aScheduledSourceRunsOnOneNodeAtATimeAndANodeKilledMidRunCommitsNothing() throws Exception {
        sim.pageSize(200);
        String realm = AdminApi.uniqueRealm("nodes");
        AdminApi.createRealm(realm);
        String source = SyncApi.createEntraSource(realm, sim, "", ",\"schedule\":\"10s\"");
        long enabled = sim.directory().liveUserIds().stream()
                .filter(id -> Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled"))).count();

        // Both nodes look for due sources every second; over ~25 s the source must run about every 10 s, never twice
        // at once.
        Thread.sleep(25_000);
        // A run the schedule just started is not a failure: judge the runs once it has ended.
        waitUntilIdle(realm, source);
        List<Map<String, Object>> runs = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs")
                .then().statusCode(200).extract().path("$");
        assertTrue(runs.size() >= 2 && runs.size() <= 4, "runs: " + runs);
        for (int i = 0; i + 1 < runs.size(); i++) {
            Instant laterStart = Instant.parse((String) runs.get(i).get("startedAt"));
            Object earlierEnd = runs.get(i + 1).get("finishedAt");
            assertTrue(earlierEnd != null && !laterStart.isBefore(Instant.parse((String) earlierEnd)),
                    "runs overlapped: " + runs);
        }
        assertTrue(runs.stream().allMatch(r -> "SUCCEEDED".equals(r.get("status"))), "runs: " + runs);
        for (int port : new int[] {port1, port2}) {
            Response preview = AdminApi.admin().port(port).queryParam("max", 1).get("/admin/realms/" + realm + "/users");
            assertEquals(String.valueOf(enabled), preview.header("X-Total-Count"), "node on " + port + " serves the commit");
        }
        // Both nodes serve the commit over LDAP too, to a suite whose credential was made on node 2.
        String client = AdminApi.admin().body("{\"clientId\":\"ldap-suite\",\"redirectUris\":[\"https://suite.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201).extract().header("Location");
        JsonPath credential = AdminApi.admin()
                .post("/admin/realms/" + realm + "/clients/" + client.substring(client.lastIndexOf('/') + 1) + "/ldap-credential")
                .then().statusCode(200).extract().jsonPath();
        for (int ldaps : new int[] {nodes.ldapsPort(node1), nodes.ldapsPort(node2)}) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            int served = -1;
            while (served != enabled && System.nanoTime() < deadline) {
                served = ldapUsers(ldaps, realm, credential.getString("bindDn"), credential.getString("password"));
                Thread.sleep(served == enabled ? 0 : 250);
            }
            assertEquals(enabled, served, "LDAPS on " + ldaps + " serves the commit");
        }

        // Now slow and manual: change many users upstream, start a run on node 1 and kill node 1 mid-run.
        AdminApi.admin().body("{\"name\":\"" + AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source)
                        .jsonPath().getString("name") + "\",\"schedule\":\"manual\",\"config\":{\"clientSecret\":\"**********\","
                        + "\"tenantId\":\"" + sim.tenantId() + "\",\"clientId\":\"" + sim.clientId() + "\",\"authorityHost\":\""
                        + sim.authorityHost() + "\",\"graphBaseUrl\":\"" + sim.graphBaseUrl() + "\",\"trustedCaPem\":"
                        + SyncApi.json(sim.caCertificatePem()) + "}}")
                .put(SyncApi.sourcesPath(realm) + "/" + source).then().statusCode(200);
        waitUntilIdle(realm, source);
        List<String> ids = sim.directory().liveUserIds();
        for (int i = 0; i < 1_000; i++) {
            sim.directory().updateUser(ids.get(i), Map.of("department", "Migrated"));
        }
        sim.pageSize(5);
        sim.clearRequests();
        String killedRun = AdminApi.admin().port(port1).post(SyncApi.sourcesPath(realm) + "/" + source + "/sync?full=true")
                .then().statusCode(202).extract().path("id");
        while (sim.requests().stream().filter(r -> r.path().contains("/users/")).count() < 40) {
            Thread.sleep(20);
        }
        node1.destroyForcibly().waitFor();
        assertEquals(0, SyncApi.count(realm, "(department=Migrated)"), "nothing of the killed run is visible");
        assertEquals(enabled, SyncApi.count(realm, null));

        // Node 2 cannot start a run while the dead node's lease lasts, then takes over.
        AdminApi.admin().post(SyncApi.sourcesPath(realm) + "/" + source + "/sync").then().statusCode(409);
        sim.pageSize(500);
        JsonPath taken = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (taken == null && System.nanoTime() < deadline) {
            Response r = AdminApi.admin().post(SyncApi.sourcesPath(realm) + "/" + source + "/sync");
            if (r.statusCode() == 202) {
                taken = SyncApi.waitFor(realm, source, r.jsonPath().getString("id"));
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                Thread.sleep(500);
            }
        }
        assertTrue(taken != null, "node 2 took over after the lease expired");
        assertEquals("SUCCEEDED", taken.getString("status"), taken.prettify());
        JsonPath dead = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs/" + killedRun)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("ABANDONED", dead.getString("status"));
        long migrated = ids.subList(0, 1_000).stream()
                .filter(id -> Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled"))).count();
        assertEquals(migrated, SyncApi.count(realm, "(department=Migrated)"));
        assertEquals(enabled, SyncApi.count(realm, null));
        assertFalse(taken.getString("node").isEmpty());
    }

    /** Users a suite reads over LDAPS (paged), or -1 while it cannot bind yet. */
    private static int ldapUsers(int port, String realm, String bindDn, String password) throws Exception {
        SSLUtil ssl = new SSLUtil(new TrustAllTrustManager());
        try (LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1", port)) {
            c.bind(bindDn, password);
            SearchRequest request = new SearchRequest("ou=users,o=" + realm + ",dc=federation,dc=cloud",
                    SearchScope.ONE, "(objectClass=user)", "1.1");
            int total = 0;
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(1000, cookie));
                SearchResult page = c.search(request);
                total += page.getEntryCount();
                cookie = SimplePagedResultsControl.get(page).getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
            return total;
        } catch (LDAPException e) {
            return -1;
        }
    }

    private static void waitUntilIdle(String realm, String source) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> runs = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs")
                    .then().extract().path("$");
            if (runs.stream().noneMatch(r -> "RUNNING".equals(r.get("status")))) {
                return;
            }
            Thread.sleep(200);
        }
    }
}
