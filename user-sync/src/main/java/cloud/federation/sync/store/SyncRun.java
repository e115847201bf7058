package cloud.federation.sync.store;

import java.time.Instant;

/** One sync run as recorded in {@code sync_run} and shown at {@code …/sync-runs}. */
public record SyncRun(String id, String sourceId, String trigger, String mode, Status status, String node,
                      Instant startedAt, Instant finishedAt, Integer upstreamObjects, Integer added, Integer updated,
                      Integer removed, Integer served, String error) {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** The mass-deletion guard stopped it; nothing was written until an admin confirms. */
        HELD,
        /** Its node stopped mid-run (the lease expired); nothing it read was written. */
        ABANDONED
    }
}
