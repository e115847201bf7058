package cloud.federation.sync.engine;

import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.user.DirectoryUser;
import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncPlannerTest {

    /** An in-memory stand-in for the database copy: test data, not a mock of the planner. */
    static final class Stored implements StoredDirectory {
        final Map<String, StoredUser> rows = new LinkedHashMap<>();

        Stored with(DirectoryUser user, boolean included) {
            rows.put(user.id(), new StoredUser(user, user.contentHash(), included));
            return this;
        }

        @Override
        public Map<String, Summary> summaries() {
            Map<String, Summary> out = new HashMap<>();
            rows.forEach((id, r) -> out.put(id, new Summary(r.hash(), r.included())));
            return out;
        }

        @Override
        public Map<String, Summary> summaries(Collection<String> ids) {
            Map<String, Summary> all = summaries();
            all.keySet().retainAll(ids);
            return all;
        }

        @Override
        public int servedCount() {
            return (int) rows.values().stream().filter(StoredUser::included).count();
        }

        @Override
        public Map<String, StoredUser> load(Collection<String> ids) {
            Map<String, StoredUser> out = new HashMap<>();
            ids.forEach(id -> {
                if (rows.containsKey(id)) {
                    out.put(id, rows.get(id));
                }
            });
            return out;
        }

        @Override
        public void forEach(Consumer<StoredUser> action) {
            rows.values().forEach(action);
        }
    }

    private static UserPatch user(String id, String department) {
        return new UserPatch(id).set(UserAttribute.DISPLAY_NAME, "User " + id).set(UserAttribute.DEPARTMENT, department)
                .set(UserAttribute.MOBILE, "+1 555 " + id).set(UserAttribute.ENABLED, "true");
    }

    private static final InclusionRule EVERYONE = new InclusionRule(SourceFilter.everyone(), false);

    @Test
    void aFullListingAddsUpdatesAndRemoves() {
        Stored stored = new Stored().with(DirectoryUser.from(user("1", "Sales")), true)
                .with(DirectoryUser.from(user("2", "Sales")), true)
                .with(DirectoryUser.from(user("3", "Sales")), true);
        ChangeSet changes = new ChangeSet();
        changes.beginUserListing();
        changes.user(user("1", "Sales"));
        changes.user(user("2", "Support"));
        changes.user(user("4", "Sales"));
        SyncPlan plan = new SyncPlanner(EVERYONE, false).plan(changes, stored);
        assertEquals(1, plan.added());
        assertEquals(1, plan.updated());
        assertEquals(1, plan.removed());
        assertEquals(List.of("3"), plan.deletes());
        assertEquals(1, plan.updates().size(), "the unchanged user 1 is not rewritten");
        assertEquals(3, plan.servedBefore());
        assertEquals(3, plan.servedAfter());
    }

    @Test
    void aDeltaMergesKeepsUnreportedAndDropsClearedValues() {
        Stored stored = new Stored().with(DirectoryUser.from(user("1", "Sales")), true);
        ChangeSet changes = new ChangeSet();
        changes.user(new UserPatch("1").set(UserAttribute.DEPARTMENT, "Support").set(UserAttribute.MOBILE, (String) null));
        SyncPlan plan = new SyncPlanner(EVERYONE, false).plan(changes, stored);
        DirectoryUser merged = plan.updates().get(0).user();
        assertEquals("Support", merged.first(UserAttribute.DEPARTMENT).orElseThrow());
        assertEquals("User 1", merged.first(UserAttribute.DISPLAY_NAME).orElseThrow(), "not in the delta: kept");
        assertTrue(merged.first(UserAttribute.MOBILE).isEmpty(), "sent as null: cleared");
        assertEquals(1, plan.updated());
    }

    @Test
    void aDeltaRemovalOfAnUnknownUserIsIgnoredAndAKnownOneCounts() {
        Stored stored = new Stored().with(DirectoryUser.from(user("1", "Sales")), true);
        ChangeSet changes = new ChangeSet();
        changes.userRemoved("1");
        changes.userRemoved("never-seen");
        SyncPlan plan = new SyncPlanner(EVERYONE, false).plan(changes, stored);
        assertEquals(List.of("1"), plan.deletes());
        assertEquals(1, plan.removed());
    }

    @Test
    void disabledUsersAreExcludedUnlessTheSourceServesThem() {
        ChangeSet changes = new ChangeSet();
        changes.beginUserListing();
        changes.user(user("1", "Sales").set(UserAttribute.ENABLED, "false"));
        SyncPlan excluded = new SyncPlanner(EVERYONE, false).plan(changes, new Stored());
        assertFalse(excluded.inserts().get(0).included());
        assertEquals(0, excluded.added());
        SyncPlan served = new SyncPlanner(new InclusionRule(SourceFilter.everyone(), true), false).plan(changes, new Stored());
        assertTrue(served.inserts().get(0).included());
    }

    @Test
    void aChangedFilterReEvaluatesUsersTheRunDidNotTouch() {
        Stored stored = new Stored().with(DirectoryUser.from(user("1", "Sales")), true)
                .with(DirectoryUser.from(user("2", "Support")), true)
                .with(DirectoryUser.from(user("3", "Support")), false);
        InclusionRule salesOnly = new InclusionRule(SourceFilter.parse("(department=Sales)"), false);
        SyncPlan plan = new SyncPlanner(salesOnly, true).plan(new ChangeSet(), stored);
        assertEquals(1, plan.removed(), "user 2 is no longer served");
        assertEquals(0, plan.added());
        assertEquals(1, plan.updates().size());
        assertFalse(plan.updates().get(0).included());
        SyncPlan unchangedRule = new SyncPlanner(salesOnly, false).plan(new ChangeSet(), stored);
        assertFalse(unchangedRule.changesServedData(), "without a rule change, an empty delta changes nothing");
    }
}
