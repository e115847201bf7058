package cloud.federation.sync.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes one run will commit, and its effect on what suites see: {@code added}, {@code updated} and
 * {@code removed} count served users (a user the filter starts excluding counts as removed).
 */
public final class SyncPlan {

    final List<StoredUser> inserts = new ArrayList<>();
    final List<StoredUser> updates = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    int added;
    int updated;
    int removed;
    int servedBefore;

    public List<StoredUser> inserts() {
        return inserts;
    }

    public List<StoredUser> updates() {
        return updates;
    }

    public List<String> deletes() {
        return deletes;
    }

    /** Upstream ids of every user this plan writes: inserted, updated or deleted. */
    public List<String> touchedIds() {
        List<String> ids = new ArrayList<>(inserts.size() + updates.size() + deletes.size());
        inserts.forEach(u -> ids.add(u.user().id()));
        updates.forEach(u -> ids.add(u.user().id()));
        ids.addAll(deletes);
        return ids;
    }

    public int added() {
        return added;
    }

    public int updated() {
        return updated;
    }

    public int removed() {
        return removed;
    }

    public int servedBefore() {
        return servedBefore;
    }

    public int servedAfter() {
        return servedBefore + added - removed;
    }

    public boolean changesServedData() {
        return added + updated + removed > 0;
    }
}
