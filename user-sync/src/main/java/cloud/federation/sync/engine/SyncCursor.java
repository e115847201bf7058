package cloud.federation.sync.engine;

/**
 * Where the next run starts: Graph's {@code @odata.deltaLink} per object kind, or nothing (a full listing). It only
 * advances in the same commit as the data it covers.
 */
public record SyncCursor(String usersDeltaLink, String groupsDeltaLink) {

    public static final SyncCursor START = new SyncCursor(null, null);
}
