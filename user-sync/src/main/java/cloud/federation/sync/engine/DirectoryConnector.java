package cloud.federation.sync.engine;

/**
 * One upstream directory. A connector reads, never writes: it reports what it saw into a {@link ChangeSet} and
 * returns where the next run should start. The engine owns the stored copy and the cursor.
 */
public interface DirectoryConnector {

    SyncCursor fetch(SyncCursor from, ChangeSet into, RunProgress progress) throws UpstreamException;
}
