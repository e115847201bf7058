package cloud.federation.server.sync;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphFault;
import cloud.federation.sync.simulator.GraphSimulator;
import cloud.federation.realm.api.SyncedDirectory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entra ID sources end to end: admin API → run → Graph SDK → simulator → PostgreSQL → preview. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class EntraSyncTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DirectoryChangeRecorder changes;
    @Inject
    SyncedDirectory directory;

    GraphSimulator sim;
    String realm;

    @BeforeEach
    void start() {
        sim = GraphSimulator.start(GraphDirectory.generate(7, 300, 12));
        sim.pageSize(50);
        realm = AdminApi.uniqueRealm("entra");
        AdminApi.createRealm(realm);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private long enabledUsers() {
        return sim.directory().liveUserIds().stream()
                .filter(id -> Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled"))).count();
    }

    @Test
    void aFullSyncThenADeltaAddsUpdatesAndRemoves() {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        JsonPath first = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", first.getString("status"), first.prettify());
        assertEquals("full", first.getString("mode"));
        assertEquals((int) enabledUsers(), first.getInt("added"));
        assertEquals((int) enabledUsers(), SyncApi.count(realm, null), "disabled accounts are excluded by default");
        String sales = "(department=Sales)";
        long salesUpstream = sim.directory().liveUserIds().stream().map(sim.directory()::user)
                .filter(u -> Boolean.TRUE.equals(u.get("accountEnabled")) && "Sales".equals(u.get("department"))).count();
        assertEquals((int) salesUpstream, SyncApi.count(realm, sales));

        List<String> ids = sim.directory().liveUserIds().stream()
                .filter(id -> Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled"))).toList();
        String changed = ids.stream().filter(id -> sim.directory().user(id).get("mobilePhone") != null).findFirst().orElseThrow();
        Map<String, Object> update = new HashMap<>();
        update.put("department", "Moon Base");
        update.put("mobilePhone", null);
        sim.directory().updateUser(changed, update);
        Map<String, Object> added = sim.directory().addUser();
        List<String> others = ids.stream().filter(id -> !id.equals(changed)).toList();
        sim.directory().softDelete(others.get(0));
        sim.directory().hardDelete(others.get(1));

        JsonPath delta = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", delta.getString("status"), delta.prettify());
        assertEquals("delta", delta.getString("mode"));
        int addedServed = Boolean.TRUE.equals(added.get("accountEnabled")) ? 1 : 0;
        assertEquals(addedServed, delta.getInt("added"));
        assertEquals(1, delta.getInt("updated"));
        assertEquals(2, delta.getInt("removed"));
        JsonPath moved = SyncApi.users(realm, "(department=moon base)").getValue();
        assertEquals(changed, moved.getString("[0].id"));
        assertNull(moved.get("[0].attributes.mobile"), "a value cleared upstream is cleared here");
        assertEquals(sim.directory().user(changed).get("displayName"), moved.getString("[0].attributes.displayName[0]"),
                "a value the delta did not mention is kept");
        assertEquals(0, SyncApi.count(realm, "(|(uid=" + others.get(0) + ")(uid=" + others.get(1) + "))"));
    }

    @Test
    void nestedGroupsShowDirectAndTransitiveMembership() {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        SyncApi.sync(realm, source, false);
        // Group 1 sits inside group 0 (the simulator nests groups); a user of group 1 is transitively in group 0.
        String outer = sim.directory().groupIds().get(0);
        @SuppressWarnings("unchecked")
        List<String> outerMembers = (List<String>) sim.directory().group(outer).get("members");
        String inner = outerMembers.stream().filter(sim.directory().groupIds()::contains).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        String member = ((List<String>) sim.directory().group(inner).get("members")).stream()
                .filter(id -> sim.directory().user(id) != null && Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled")))
                .findFirst().orElseThrow();
        JsonPath user = SyncApi.users(realm, "(uid=" + member + ")").getValue();
        String innerName = (String) sim.directory().group(inner).get("displayName");
        String outerName = (String) sim.directory().group(outer).get("displayName");
        assertTrue(user.getList("[0].memberOf").contains(innerName), user.prettify());
        assertTrue(user.getList("[0].memberOfNested").containsAll(List.of(innerName, outerName)), user.prettify());
    }

    @Test
    void otherModulesReadTheCommittedCopyThroughTheSyncedDirectoryContract() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        SyncApi.sync(realm, source, false);
        String realmId = realmId();
        List<SyncedDirectory.SyncedUser> users = new java.util.ArrayList<>();
        List<SyncedDirectory.SyncedGroup> groups = new java.util.ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            directory.forEachServedUser(realmId, users::add);
            directory.forEachGroup(realmId, groups::add);
        });
        assertEquals(enabledUsers(), users.size());
        assertEquals(sim.directory().groupIds().size(), groups.size());
        for (SyncedDirectory.SyncedGroup g : groups) {
            @SuppressWarnings("unchecked")
            List<String> members = (List<String>) sim.directory().group(g.id()).get("members");
            assertEquals(new java.util.HashSet<>(members), g.members().keySet(), g.displayName());
        }
        SyncedDirectory.SyncedUser first = users.get(0);
        assertEquals(source, first.sourceId());
        assertEquals(sim.directory().user(first.id()).get("userPrincipalName"), first.attributes().get("login").get(0));
    }

    @Test
    void aRunThatFailsPartWayCommitsNothingAndKeepsTheDeltaLink() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        SyncApi.sync(realm, source, false);
        String before = snapshot(source);
        String deltaLink = deltaLink(source);
        String renamed = sim.directory().liveUserIds().stream()
                .filter(id -> Boolean.TRUE.equals(sim.directory().user(id).get("accountEnabled"))).findFirst().orElseThrow();
        sim.directory().updateUser(renamed, Map.of("department", "Renamed Dept"));
        for (int i = 0; i < 120; i++) {
            sim.directory().addUser();
        }
        List<GraphFault> faults = List.of(
                GraphFault.afterRequests(1, GraphFault.truncatedBody(GraphFault.Target.USERS)),
                GraphFault.afterRequests(1, GraphFault.malformedJson(GraphFault.Target.USERS)),
                GraphFault.malformedJson(GraphFault.Target.GROUPS));
        for (GraphFault fault : faults) {
            sim.inject(fault);
            JsonPath failed = SyncApi.sync(realm, source, false);
            assertEquals("FAILED", failed.getString("status"), fault + ": " + failed.prettify());
            assertTrue(failed.getString("error").startsWith("Graph"), failed.getString("error"));
            assertEquals(before, snapshot(source), fault + " left partial data");
            assertEquals(deltaLink, deltaLink(source), fault + " advanced the delta link");
        }
        // Persistent 503s: retried (max-attempts in the test profile), then the run fails.
        for (int i = 0; i < 3; i++) {
            sim.inject(GraphFault.afterRequests(i == 0 ? 1 : 0, GraphFault.status(GraphFault.Target.USERS, 503, "0.1")));
        }
        JsonPath unavailable = SyncApi.sync(realm, source, false);
        assertEquals("FAILED", unavailable.getString("status"), unavailable.prettify());
        assertTrue(unavailable.getString("error").contains("503"), unavailable.getString("error"));
        assertEquals(before, snapshot(source));

        JsonPath recovered = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", recovered.getString("status"), recovered.prettify());
        assertEquals("delta", recovered.getString("mode"), "the next run resumes from the delta link the failures kept");
        assertEquals(1, SyncApi.count(realm, "(department=Renamed Dept)"), "changes made before the failures arrive");
        assertNotEquals(deltaLink, deltaLink(source));
    }

    @Test
    void theMassDeletionGuardHoldsUntilAnAdminConfirms() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        SyncApi.sync(realm, source, false);
        int served = SyncApi.count(realm, null);
        List<String> victims = sim.directory().liveUserIds().subList(0, 80);
        victims.forEach(sim.directory()::hardDelete);
        int removedServed = served - (int) enabledUsers();

        JsonPath held = SyncApi.sync(realm, source, false);
        assertEquals("HELD", held.getString("status"), held.prettify());
        assertEquals(removedServed, held.getInt("removed"));
        assertTrue(held.getString("error").contains("would remove " + removedServed + " of " + served), held.getString("error"));
        assertEquals(served, SyncApi.count(realm, null), "nothing removed while held");

        JsonPath resync = SyncApi.sync(realm, source, true);
        assertEquals("HELD", resync.getString("status"), "a full resync is guarded too");
        assertEquals("full", resync.getString("mode"));

        AdminApi.admin().post(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs/" + held.getString("id") + "/confirm")
                .then().statusCode(409);
        String confirmed = AdminApi.admin().post(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs/"
                + resync.getString("id") + "/confirm").then().statusCode(202).extract().path("id");
        JsonPath applied = SyncApi.waitFor(realm, source, confirmed);
        assertEquals("SUCCEEDED", applied.getString("status"), applied.prettify());
        assertEquals(removedServed, applied.getInt("removed"));
        assertEquals((int) enabledUsers(), SyncApi.count(realm, null));

        // The approval was used up: the next mass deletion is held again.
        sim.directory().liveUserIds().subList(0, 80).forEach(sim.directory()::hardDelete);
        assertEquals("HELD", SyncApi.sync(realm, source, false).getString("status"));
    }

    @Test
    void aChangedFilterReEvaluatesStoredUsersAtTheNextRun() {
        GraphSimulator small = GraphSimulator.start(GraphDirectory.generate(11, 40, 3));
        try {
            String source = SyncApi.createEntraSource(realm, small, ",\"disabledUsers\":\"serve\"", "");
            SyncApi.sync(realm, source, false);
            assertEquals(40, SyncApi.count(realm, null), "disabled users served when configured");
            assertTrue(SyncApi.count(realm, "(enabled=false)") > 0);
            int sales = SyncApi.count(realm, "(department=Sales)");
            JsonPath rep = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source).then().extract().jsonPath();
            AdminApi.admin().body("{\"name\":\"" + rep.getString("name") + "\",\"schedule\":\"manual\","
                            + "\"filter\":\"(department=Sales)\",\"config\":" + configJson(rep) + "}")
                    .put(SyncApi.sourcesPath(realm) + "/" + source).then().statusCode(200);
            JsonPath run = SyncApi.sync(realm, source, false);
            assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
            assertEquals(40 - sales, run.getInt("removed"));
            assertEquals(sales, SyncApi.count(realm, null));
        } finally {
            small.close();
        }
    }

    @Test
    void commitsBumpTheVersionAndTellObserversOthersNodesCommitsToo() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        String realmId = realmId();
        int before = changes.events().size();
        SyncApi.sync(realm, source, false);
        long version = version(realmId);
        assertTrue(version >= 1);
        assertTrue(changes.events().stream().anyMatch(e -> e.realmId().equals(realmId) && e.version() == version),
                "the committing node is told at once");
        JsonPath quiet = SyncApi.sync(realm, source, false);
        assertEquals(0, quiet.getInt("added") + quiet.getInt("updated") + quiet.getInt("removed"));
        assertEquals(version, version(realmId), "a run that changes nothing does not bump the version");

        // Another node's commit: only the version row moves; this node notices by polling.
        execute("update directory_version set version = version + 1 where realm_id = '" + realmId + "'");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && changes.events().stream()
                .noneMatch(e -> e.realmId().equals(realmId) && e.version() == version + 1)) {
            Thread.sleep(50);
        }
        assertTrue(changes.events().stream().anyMatch(e -> e.realmId().equals(realmId) && e.version() == version + 1),
                "a commit on another node reaches this node's observers");
        assertTrue(changes.events().size() > before);
    }

    @Test
    void oneRunPerSourceAtATimeAndADeadNodesRunIsAbandoned() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", "");
        // What a node killed mid-run leaves behind: its lease and a RUNNING run.
        execute("update sync_state set lease_owner = 'dead-node/1', lease_until = now() + interval '1 hour' "
                + "where source_id = '" + source + "'");
        execute("insert into sync_run (id, source_id, realm_id, trigger_kind, status, node, started_at) values "
                + "('dead-run-" + source.substring(0, 8) + "', '" + source + "', '" + realmId() + "', 'schedule', "
                + "'RUNNING', 'dead-node/1', now())");
        AdminApi.admin().post(SyncApi.sourcesPath(realm) + "/" + source + "/sync").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("in progress"));
        execute("update sync_state set lease_until = now() - interval '1 second' where source_id = '" + source + "'");
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"));
        JsonPath dead = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs/dead-run-"
                + source.substring(0, 8)).then().statusCode(200).extract().jsonPath();
        assertEquals("ABANDONED", dead.getString("status"));
        assertEquals((int) enabledUsers(), SyncApi.count(realm, null));
    }

    @Test
    void aScheduledSourceRunsWithoutAnAdmin() throws Exception {
        String source = SyncApi.createEntraSource(realm, sim, "", ",\"schedule\":\"10s\"");
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Map<String, Object>> runs = List.of();
        while (System.nanoTime() < deadline) {
            runs = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + source + "/sync-runs").then().extract().path("$");
            if (runs.stream().anyMatch(r -> "SUCCEEDED".equals(r.get("status")))) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(runs.stream().anyMatch(r -> "SUCCEEDED".equals(r.get("status")) && "schedule".equals(r.get("trigger"))),
                String.valueOf(runs));
    }

    private static String configJson(JsonPath rep) {
        Map<String, Object> config = rep.getMap("config");
        StringBuilder out = new StringBuilder("{");
        config.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return out.append('}').toString();
    }

    private String realmId() throws Exception {
        return query("select id from realm where name = '" + realm + "'");
    }

    private long version(String realmId) throws Exception {
        return Long.parseLong(query("select version from directory_version where realm_id = '" + realmId + "'"));
    }

    private String deltaLink(String source) throws Exception {
        return query("select users_delta_link from sync_state where source_id = '" + source + "'");
    }

    /** Everything stored for the source, to prove a failed run changed nothing. */
    private String snapshot(String source) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String sql : new String[] {
                "select external_id, content_hash, included from synced_user where source_id = '" + source + "' order by 1",
                "select group_id, member_id from synced_membership where source_id = '" + source + "' order by 1, 2",
                "select users_delta_link, groups_delta_link from sync_state where source_id = '" + source + "'"}) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        out.append(Objects.toString(rs.getString(i))).append('|');
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private String query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
