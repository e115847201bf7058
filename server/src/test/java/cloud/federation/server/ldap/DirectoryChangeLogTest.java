package cloud.federation.server.ldap;

import cloud.federation.realm.api.DirectoryChangeLog;
import cloud.federation.realm.api.DirectoryDelta;
import cloud.federation.realm.api.DirectoryVersionCounter;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change log a node reads to bring its LDAP view up to date on PostgreSQL: what a run of versions changed adds
 * up; a version the log no longer covers, a commit too large to list, or a first read means reload everything.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DirectoryChangeLogTest {

    @Inject
    DirectoryVersionCounter counter;
    @Inject
    DirectoryChangeLog log;
    @Inject
    EntityManager em;

    private String newRealm() {
        String name = AdminApi.uniqueRealm("changelog");
        AdminApi.createRealm(name);
        return QuarkusTransaction.requiringNew().call(() -> RealmEntity.findByName(name).orElseThrow().id);
    }

    private long bump(String realmId, Instant at, DirectoryDelta delta) {
        return QuarkusTransaction.requiringNew().call(() -> counter.bump(realmId, at, delta));
    }

    private DirectoryChangeLog.Catchup since(String realmId, long version) {
        return QuarkusTransaction.requiringNew().call(() -> log.since(realmId, version));
    }

    @Test
    void consecutiveVersionsAddUpToWhatChanged() {
        String realm = newRealm();
        long start = since(realm, 0).version();
        bump(realm, Instant.now(), DirectoryDelta.source("src-1", List.of("u-1", "u-2"), false));
        bump(realm, Instant.now(), DirectoryDelta.source("src-1", List.of("u-2", "u-3"), true));
        long last = bump(realm, Instant.now(), DirectoryDelta.suites());

        DirectoryChangeLog.Catchup all = since(realm, start);
        assertEquals(last, all.version());
        assertFalse(all.delta().reloadAll());
        assertEquals(Map.of("src-1", Set.of("u-1", "u-2", "u-3")), all.delta().users());
        assertEquals(Set.of("src-1"), all.delta().groupSources());
        assertTrue(all.delta().suitesChanged());

        DirectoryChangeLog.Catchup lastOnly = since(realm, last - 1);
        assertEquals(Map.of(), lastOnly.delta().users());
        assertTrue(lastOnly.delta().suitesChanged());

        DirectoryChangeLog.Catchup nothing = since(realm, last);
        assertEquals(last, nothing.version());
        assertFalse(nothing.delta().reloadAll());
        assertEquals(0, nothing.delta().userCount());
    }

    @Test
    void aFirstReadARealmWideChangeOrABigCommitMeansReloadEverything() {
        String realm = newRealm();
        assertTrue(since(realm, 0).delta().reloadAll(), "nothing loaded yet");
        long before = since(realm, 0).version();
        bump(realm, Instant.now(), DirectoryDelta.everything());
        assertTrue(since(realm, before).delta().reloadAll(), "realm options changed");

        long mid = since(realm, 0).version();
        List<String> many = IntStream.rangeClosed(0, DirectoryDelta.MAX_LISTED_USERS).mapToObj(i -> "u-" + i).toList();
        bump(realm, Instant.now(), DirectoryDelta.source("src-1", many, false));
        assertTrue(since(realm, mid).delta().reloadAll(), "more users than are worth listing");
    }

    @Test
    void aVersionTheLogNoLongerCoversMeansReloadEverything() {
        String realm = newRealm();
        long start = since(realm, 0).version();
        // Written over an hour ago: the next bump prunes it.
        bump(realm, Instant.now().minus(Duration.ofHours(2)), DirectoryDelta.source("src-1", List.of("u-1"), false));
        long pruned = start + 1;
        bump(realm, Instant.now(), DirectoryDelta.source("src-1", List.of("u-2"), false));
        assertTrue(since(realm, start).delta().reloadAll(), "version " + pruned + " was pruned");
        assertEquals(Map.of("src-1", Set.of("u-2")), since(realm, pruned).delta().users(), "later versions still read");

        long gap = bump(realm, Instant.now(), DirectoryDelta.source("src-1", List.of("u-3"), false));
        bump(realm, Instant.now(), DirectoryDelta.source("src-1", List.of("u-4"), false));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from directory_change where realm_id = ?1 and version = ?2")
                .setParameter(1, realm).setParameter(2, gap).executeUpdate());
        assertTrue(since(realm, gap - 1).delta().reloadAll(), "a missing version is never skipped silently");
    }
}
