package cloud.federation.realm.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a realm's directory sources serve, for readers outside the sync module (the LDAP facade): the committed copy
 * only, never a run in progress. Callers read inside a transaction, so users and groups come from one commit.
 */
public interface SyncedDirectory {

    /** Every served user of the realm, in a stable order (source, then upstream id). */
    void forEachServedUser(String realmId, Consumer<SyncedUser> action);

    /**
     * The served users of the realm among the given upstream ids, per source; an id that is no longer served (removed,
     * filtered out, or of a source that left the realm) is simply absent.
     */
    void forEachServedUser(String realmId, Map<String, Set<String>> idsBySource, Consumer<SyncedUser> action);

    /** Every group of the realm's sources with its direct members (users and groups, by upstream id). */
    void forEachGroup(String realmId, Consumer<SyncedGroup> action);

    /** A served user: its source, stable upstream id and normalised attributes (see the README's list). */
    record SyncedUser(String sourceId, String id, Map<String, List<String>> attributes) {
    }

    /** A group: {@code members} maps member id to {@code user} or {@code group}. */
    record SyncedGroup(String sourceId, String id, String displayName, Map<String, String> members) {
    }
}
