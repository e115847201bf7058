package cloud.federation.sync.graph;

import cloud.federation.sync.engine.ChangeSet;
import cloud.federation.sync.engine.GroupPatch;
import cloud.federation.sync.engine.RunProgress;
import cloud.federation.sync.engine.SyncCursor;
import cloud.federation.sync.engine.UpstreamException;
import cloud.federation.sync.http.RetryPolicy;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphFault;
import cloud.federation.sync.simulator.GraphSimulator;
import cloud.federation.sync.simulator.RecordedRequest;
import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official Graph SDK (through our connector) against the Graph simulator over HTTPS. */
class GraphConnectorTest {

    private static final int ATTEMPTS = 4;
    private GraphSimulator sim;

    @BeforeEach
    void start() {
        sim = GraphSimulator.start(GraphDirectory.generate(42, 230, 12));
        sim.pageSize(40);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private GraphConnector connector(String secret) {
        EntraSettings settings = new EntraSettings(sim.tenantId(), sim.clientId(), secret, URI.create(sim.authorityHost()),
                URI.create(sim.graphBaseUrl()), "https://graph.microsoft.com/.default", sim.caCertificatePem());
        RetryPolicy retry = new RetryPolicy(RetryPolicy.GRAPH_STATUSES, ATTEMPTS, Duration.ofMillis(50), Duration.ofSeconds(5));
        return new GraphConnector(GraphClients.create(settings, retry, Duration.ofSeconds(3)), "test");
    }

    private GraphConnector connector() {
        return connector(sim.clientSecret());
    }

    private record Fetched(ChangeSet changes, SyncCursor cursor) {
    }

    private Fetched fetch(SyncCursor from) throws UpstreamException {
        ChangeSet changes = new ChangeSet();
        SyncCursor cursor = connector().fetch(from, changes, RunProgress.NONE);
        return new Fetched(changes, cursor);
    }

    @Test
    void aFullListingThenADeltaWithAddsUpdatesSoftAndHardDeletes() throws Exception {
        Fetched first = fetch(SyncCursor.START);
        assertTrue(first.changes.fullUsers());
        assertEquals(Set.copyOf(sim.directory().liveUserIds()), first.changes.users().keySet());
        assertNotNull(first.cursor.usersDeltaLink());
        assertNotNull(first.cursor.groupsDeltaLink());
        String someone = sim.directory().liveUserIds().get(0);
        String withMobile = sim.directory().liveUserIds().stream()
                .filter(id -> sim.directory().user(id).get("mobilePhone") != null).skip(1).findFirst().orElseThrow();
        UserPatch p = first.changes.users().get(someone);
        assertEquals(sim.directory().user(someone).get("userPrincipalName"), p.attributes().get("login").get(0));
        RecordedRequest firstRequest = sim.requests().stream().filter(r -> r.path().contains("/users/")).findFirst().orElseThrow();
        assertTrue(firstRequest.rawQuery().contains("select"), "asks for every mapped property: " + firstRequest.rawQuery());

        List<String> ids = sim.directory().liveUserIds();
        Map<String, Object> added = sim.directory().addUser();
        Map<String, Object> changes = new HashMap<>();
        changes.put("department", "Quantum Sales");
        changes.put("mobilePhone", null);
        sim.directory().updateUser(withMobile, changes);
        List<String> others = ids.stream().filter(id -> !id.equals(withMobile)).toList();
        sim.directory().softDelete(others.get(2));
        sim.directory().hardDelete(others.get(3));

        Fetched delta = fetch(first.cursor);
        assertFalse(delta.changes.fullUsers());
        assertTrue(delta.changes.users().containsKey((String) added.get("id")));
        UserPatch updated = delta.changes.users().get(withMobile);
        assertEquals(List.of("Quantum Sales"), updated.attributes().get("department"));
        assertEquals(List.of(), updated.attributes().get("mobile"), "a property sent as null is reported as cleared");
        assertFalse(updated.reports(UserAttribute.DISPLAY_NAME), "unchanged properties are not reported");
        assertEquals(Set.of(others.get(2), others.get(3)), delta.changes.removedUsers());
        assertEquals(2, delta.changes.users().size());

        Fetched quiet = fetch(delta.cursor);
        assertTrue(quiet.changes.users().isEmpty() && quiet.changes.removedUsers().isEmpty());
    }

    @Test
    void groupsArriveWithNestedMembersMergedAcrossSlices() throws Exception {
        sim.memberSliceSize(3);
        Fetched first = fetch(SyncCursor.START);
        assertTrue(first.changes.fullGroups());
        assertEquals(Set.copyOf(sim.directory().groupIds()), first.changes.groups().keySet());
        boolean nested = false;
        for (String groupId : sim.directory().groupIds()) {
            @SuppressWarnings("unchecked")
            List<String> members = (List<String>) sim.directory().group(groupId).get("members");
            GroupPatch patch = first.changes.groups().get(groupId);
            assertEquals(Set.copyOf(members), patch.added().keySet(), "all slices of group " + groupId);
            assertEquals(sim.directory().group(groupId).get("displayName"), patch.displayName());
            nested |= patch.added().containsValue(GroupPatch.MemberKind.group);
        }
        assertTrue(nested, "the generated directory nests groups");

        String group = sim.directory().groupIds().get(0);
        String newcomer = sim.directory().liveUserIds().get(100);
        @SuppressWarnings("unchecked")
        String leaver = ((List<String>) sim.directory().group(group).get("members")).get(0);
        sim.directory().addMember(group, newcomer);
        sim.directory().removeMember(group, leaver);
        Fetched delta = fetch(first.cursor);
        assertFalse(delta.changes.fullGroups());
        assertTrue(delta.changes.groups().get(group).added().containsKey(newcomer));
        assertTrue(delta.changes.groups().get(group).removed().contains(leaver));
    }

    @Test
    void duplicatesAndEmptyPagesDoNotChangeTheResult() throws Exception {
        Set<String> plain = fetch(SyncCursor.START).changes.users().keySet();
        sim.duplicateEveryObject(true);
        sim.emptyPageEvery(2);
        ChangeSet noisy = fetch(SyncCursor.START).changes;
        assertEquals(plain, noisy.users().keySet());
        assertTrue(noisy.upstreamObjects() > plain.size(), "duplicates were actually sent");
        assertTrue(sim.requests().stream().anyMatch(r -> r.path().contains("/users/")), "paged");
    }

    @Test
    void throttlingAndGatewayErrorsAreRetriedAfterRetryAfterInEveryForm() throws Exception {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(4));
        sim.inject(GraphFault.status(GraphFault.Target.USERS, 429, "1"));
        sim.inject(GraphFault.status(GraphFault.Target.USERS, 503, "0.5"));
        sim.inject(GraphFault.status(GraphFault.Target.USERS, 504, inTwoSeconds));
        sim.clearRequests();
        Fetched f = fetch(SyncCursor.START);
        assertEquals(Set.copyOf(sim.directory().liveUserIds()), f.changes.users().keySet());
        List<RecordedRequest> delta = sim.requests().stream().filter(r -> r.path().contains("/users/")).toList();
        assertTrue(gapMillis(delta, 0) >= 1000, "waited Retry-After: 1, gap " + gapMillis(delta, 0));
        assertTrue(gapMillis(delta, 1) >= 500, "waited Retry-After: 0.5, gap " + gapMillis(delta, 1));
        assertTrue(gapMillis(delta, 2) >= 900, "waited until the HTTP-date, gap " + gapMillis(delta, 2));
    }

    @Test
    void aDecimalRetryAfterIsHonouredToTheMillisecond() throws Exception {
        sim.inject(GraphFault.status(GraphFault.Target.USERS, 429, "2.128"));
        sim.clearRequests();
        fetch(SyncCursor.START);
        List<RecordedRequest> delta = sim.requests().stream().filter(r -> r.path().contains("/users/")).toList();
        assertTrue(gapMillis(delta, 0) >= 2128, "gap " + gapMillis(delta, 0));
    }

    @Test
    void persistentErrorsFailTheFetch() {
        // Not "0": OkHttp itself repeats a 503 that says Retry-After: 0, which would eat two faults per attempt.
        for (int i = 0; i < ATTEMPTS; i++) {
            sim.inject(GraphFault.status(GraphFault.Target.USERS, 503, "0.1"));
        }
        UpstreamException e = assertThrows(UpstreamException.class, () -> fetch(SyncCursor.START));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @Test
    void aConnectionResetIsRetriedButAPersistentOneFails() throws Exception {
        sim.inject(GraphFault.afterRequests(2, GraphFault.connectionReset(GraphFault.Target.USERS)));
        assertEquals(sim.directory().liveUserIds().size(), fetch(SyncCursor.START).changes.users().size());
        for (int i = 0; i < ATTEMPTS; i++) {
            sim.inject(GraphFault.connectionReset(GraphFault.Target.USERS));
        }
        assertThrows(UpstreamException.class, () -> fetch(SyncCursor.START));
    }

    @Test
    void truncatedAndMalformedBodiesFailTheFetch() {
        sim.inject(GraphFault.afterRequests(1, GraphFault.truncatedBody(GraphFault.Target.USERS)));
        assertThrows(UpstreamException.class, () -> fetch(SyncCursor.START));
        sim.inject(GraphFault.afterRequests(2, GraphFault.malformedJson(GraphFault.Target.USERS)));
        assertThrows(UpstreamException.class, () -> fetch(SyncCursor.START));
        sim.inject(GraphFault.malformedJson(GraphFault.Target.GROUPS));
        assertThrows(UpstreamException.class, () -> fetch(SyncCursor.START));
    }

    @Test
    void anExpiredDeltaTokenRestartsAFullListingWhetherGraphSays400Or410() throws Exception {
        for (int status : new int[] {400, 410}) {
            sim.expiredTokenStatus(status);
            Fetched first = fetch(SyncCursor.START);
            sim.directory().addUser();
            sim.expireDeltaTokens();
            Fetched again = fetch(first.cursor);
            assertTrue(again.changes.fullUsers(), "status " + status);
            assertTrue(again.changes.fullGroups(), "status " + status);
            assertEquals(Set.copyOf(sim.directory().liveUserIds()), again.changes.users().keySet());
        }
        SyncCursor cursor = fetch(SyncCursor.START).cursor;
        sim.inject(GraphFault.gone(GraphFault.Target.USERS));
        assertTrue(fetch(cursor).changes.fullUsers(), "410 on a delta link");
        sim.inject(GraphFault.afterRequests(1, GraphFault.gone(GraphFault.Target.USERS)));
        Fetched restarted = fetch(SyncCursor.START);
        assertEquals(Set.copyOf(sim.directory().liveUserIds()), restarted.changes.users().keySet(),
                "a listing whose skip token expired midway starts over");
    }

    @Test
    void aWrongClientSecretFailsWithoutLeakingIt() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> {
            ChangeSet changes = new ChangeSet();
            connector("wrong-secret-value").fetch(SyncCursor.START, changes, RunProgress.NONE);
        });
        assertFalse(e.getMessage().contains("wrong-secret-value"), e.getMessage());
        assertFalse(sim.requests().stream().anyMatch(r -> r.path().contains("/users/") && r.authorized()));
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        EntraSettings untrusted = new EntraSettings(sim.tenantId(), sim.clientId(), sim.clientSecret(),
                URI.create(sim.authorityHost()), URI.create(sim.graphBaseUrl()), "https://graph.microsoft.com/.default", null);
        RetryPolicy retry = new RetryPolicy(RetryPolicy.GRAPH_STATUSES, 1, Duration.ofMillis(10), Duration.ofSeconds(1));
        GraphConnector c = new GraphConnector(GraphClients.create(untrusted, retry, Duration.ofSeconds(5)), "test");
        assertThrows(UpstreamException.class, () -> c.fetch(SyncCursor.START, new ChangeSet(), RunProgress.NONE));
        assertTrue(sim.requests().stream().noneMatch(r -> r.path().contains("/users/")));
    }

    private static long gapMillis(List<RecordedRequest> requests, int index) {
        return Duration.ofNanos(requests.get(index + 1).nanoTime() - requests.get(index).nanoTime()).toMillis();
    }

}
