package cloud.federation.realm.api;

/**
 * Fired (CDI) when a realm's served directory changed: at once on the node that committed the run, and within
 * {@code federation.sync.change-poll-interval} on every other node. Observers swap to the new data.
 */
public record DirectoryChanged(String realmId, long version) {
}
