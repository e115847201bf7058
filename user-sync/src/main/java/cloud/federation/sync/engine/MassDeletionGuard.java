package cloud.federation.sync.engine;

/**
 * Holds a run that would take away more than a share of a source's served users (a filter typo, an upstream
 * incident, a wrong tenant) until an admin confirms it. Small sources are protected by an absolute floor instead of
 * the share, so deleting 3 of 10 users does not need a confirmation.
 */
public record MassDeletionGuard(double maxShare, int minimumRemovals) {

    public boolean holds(SyncPlan plan, Integer approvedRemovals) {
        int removed = plan.removed();
        if (removed < minimumRemovals || removed <= maxShare * plan.servedBefore()) {
            return false;
        }
        return approvedRemovals == null || removed > approvedRemovals;
    }
}
