package cloud.federation.server.sync;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.Prometheus;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphFault;
import cloud.federation.sync.simulator.GraphSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Directory sync in {@code /q/metrics}: real runs against the Graph simulator, read back from the scrape. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SyncMetricsTest {

    static final String RUNS = "federation_sync_runs_total";
    static final String SERVED = "federation_sync_users_served";
    static final String AGE = "federation_sync_last_success_age_seconds";

    @Inject
    AgroalDataSource dataSource;

    GraphSimulator sim;
    String realm;

    @BeforeEach
    void start() {
        sim = GraphSimulator.start(GraphDirectory.generate(7, 300, 6));
        sim.pageSize(100);
        realm = AdminApi.uniqueRealm("metrics");
        AdminApi.createRealm(realm);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String nameOf(String source) {
        return AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source).then().statusCode(200).extract().path("name");
    }

    double runs(Prometheus p, String source, String outcome) {
        return p.sum(RUNS, "realm", realm, "source", source, "outcome", outcome);
    }

    @Test
    void everyOutcomeIsCountedAndTheGaugesShowTheLastCommit() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        String name = nameOf(source);

        JsonPath ok = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", ok.getString("status"), ok.prettify());
        int served = SyncApi.count(realm, null);
        Prometheus afterSuccess = Prometheus.awaitScrape(p -> runs(p, name, "succeeded") == 1
                && p.value(SERVED, "realm", realm, "source", name).isPresent(), "the successful run");
        assertEquals(served, afterSuccess.value(SERVED, "realm", realm, "source", name).orElseThrow());
        double age = afterSuccess.value(AGE, "realm", realm, "source", name).orElseThrow();
        assertTrue(age >= 0 && Double.isFinite(age), "age " + age);

        sim.inject(GraphFault.malformedJson(GraphFault.Target.USERS));
        assertEquals("FAILED", SyncApi.sync(realm, source, false).getString("status"));
        Prometheus.awaitScrape(p -> runs(p, name, "failed") == 1, "the failed run");

        List<String> victims = sim.directory().liveUserIds().subList(0, 80);
        victims.forEach(sim.directory()::hardDelete);
        assertEquals("HELD", SyncApi.sync(realm, source, false).getString("status"));
        Prometheus afterHeld = Prometheus.awaitScrape(p -> runs(p, name, "held") == 1, "the held run");
        assertEquals(served, afterHeld.value(SERVED, "realm", realm, "source", name).orElseThrow(),
                "a held run wrote nothing, so the last commit's count stands");

        // What a node killed mid-run leaves behind: its run still RUNNING. The next run marks it abandoned.
        insertRun(source, "RUNNING", Instant.now().minusSeconds(600), null, null);
        assertEquals("HELD", SyncApi.sync(realm, source, false).getString("status"));
        Prometheus last = Prometheus.awaitScrape(p -> runs(p, name, "abandoned") == 1 && runs(p, name, "held") == 2,
                "the abandoned run");
        assertEquals(1, runs(last, name, "succeeded"));
        assertEquals(1, runs(last, name, "failed"));
    }

    @Test
    void theGaugesComeFromTheDatabaseSoCommitsOfOtherNodesAndBeforeARestartShow() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        String name = nameOf(source);
        assertEquals("SUCCEEDED", SyncApi.sync(realm, source, false).getString("status"));
        Prometheus.awaitScrape(p -> p.value(SERVED, "realm", realm, "source", name).isPresent(), "the first commit");

        // Another node commits a run an hour old (as a node restarted since would find it in the database).
        Instant committed = Instant.now().minusSeconds(3_600);
        insertRun(source, "SUCCEEDED", committed, committed, 7);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update sync_state set last_run_at = ? where source_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(committed));
            ps.setString(2, source);
            assertEquals(1, ps.executeUpdate());
        }
        // Both gauges in one scrape: a refresh may land between the two series of a scrape, so one scrape can show
        // the new count next to the previous age.
        Prometheus.awaitScrape(s -> s.value(SERVED, "realm", realm, "source", name).orElse(0.0) == 7
                && s.value(AGE, "realm", realm, "source", name).orElse(0.0) >= 3_600, "the other node's commit");

        AdminApi.admin().delete(SyncApi.sourcesPath(realm) + "/" + source).then().statusCode(204);
        Prometheus.awaitScrape(s -> s.matching(SERVED, "realm", realm, "source", name).isEmpty()
                && s.matching(AGE, "realm", realm, "source", name).isEmpty(), "a deleted source leaving the gauges");
    }

    private void insertRun(String source, String status, Instant started, Instant finished, Integer served)
            throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into sync_run (id, source_id, realm_id, trigger_kind, status, node, started_at, finished_at, served) "
                        + "select ?, ?, realm_id, 'schedule', ?, 'another-node', ?, ?, ? from directory_source where id = ?")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, source);
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(started));
            ps.setTimestamp(5, finished == null ? null : Timestamp.from(finished));
            ps.setObject(6, served);
            ps.setString(7, source);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
