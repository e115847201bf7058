package cloud.federation.sync.engine;

import cloud.federation.sync.user.DirectoryUser;
import cloud.federation.sync.user.UserPatch;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Diffs what a run read against the stored copy. A full listing replaces the copy (users it does not name are
 * gone); a delta merges each patch into the stored user, so unreported attributes keep their values and cleared
 * ones go. When the inclusion rule changed, every stored user is re-evaluated.
 */
public final class SyncPlanner {

    private final InclusionRule rule;
    private final boolean ruleChanged;

    public SyncPlanner(InclusionRule rule, boolean ruleChanged) {
        this.rule = rule;
        this.ruleChanged = ruleChanged;
    }

    public SyncPlan plan(ChangeSet changes, StoredDirectory stored) {
        SyncPlan plan = new SyncPlan();
        plan.servedBefore = stored.servedCount();
        Set<String> handled = new HashSet<>();
        if (changes.fullUsers()) {
            Map<String, StoredDirectory.Summary> summaries = stored.summaries();
            for (UserPatch patch : changes.users().values()) {
                StoredDirectory.Summary before = summaries.get(patch.id());
                upsert(plan, DirectoryUser.from(patch), before);
                handled.add(patch.id());
            }
            for (Map.Entry<String, StoredDirectory.Summary> e : summaries.entrySet()) {
                if (!handled.contains(e.getKey())) {
                    delete(plan, e.getKey(), e.getValue());
                    handled.add(e.getKey());
                }
            }
        } else {
            Set<String> ids = new LinkedHashSet<>(changes.users().keySet());
            ids.addAll(changes.removedUsers());
            Map<String, StoredDirectory.Summary> summaries = stored.summaries(ids);
            Map<String, StoredUser> base = stored.load(changes.users().keySet());
            for (UserPatch patch : changes.users().values()) {
                StoredUser before = base.get(patch.id());
                DirectoryUser merged = before == null ? DirectoryUser.from(patch) : before.user().merge(patch);
                upsert(plan, merged, summaries.get(patch.id()));
                handled.add(patch.id());
            }
            for (String id : changes.removedUsers()) {
                StoredDirectory.Summary before = summaries.get(id);
                if (before != null) {
                    delete(plan, id, before);
                }
                handled.add(id);
            }
        }
        if (ruleChanged) {
            stored.forEach(row -> {
                if (!handled.contains(row.user().id())) {
                    upsert(plan, row.user(), new StoredDirectory.Summary(row.hash(), row.included()));
                }
            });
        }
        return plan;
    }

    private void upsert(SyncPlan plan, DirectoryUser user, StoredDirectory.Summary before) {
        boolean included = rule.serves(user);
        String hash = user.contentHash();
        StoredUser row = new StoredUser(user, hash, included);
        if (before == null) {
            plan.inserts.add(row);
        } else if (!before.hash().equals(hash) || before.included() != included) {
            plan.updates.add(row);
        } else {
            return;
        }
        boolean wasServed = before != null && before.included();
        if (!wasServed && included) {
            plan.added++;
        } else if (wasServed && !included) {
            plan.removed++;
        } else if (wasServed && !before.hash().equals(hash)) {
            plan.updated++;
        }
    }

    private static void delete(SyncPlan plan, String id, StoredDirectory.Summary before) {
        plan.deletes.add(id);
        if (before.included()) {
            plan.removed++;
        }
    }
}
