package cloud.federation.sync.store;

import cloud.federation.sync.engine.SyncCursor;

/** A source's sync bookkeeping between runs (see {@code sync_state}). */
public record SyncState(SyncCursor cursor, String appliedRule, Integer approvedRemovals, boolean forceFull) {

    public static final SyncState NEW = new SyncState(SyncCursor.START, null, null, false);
}
