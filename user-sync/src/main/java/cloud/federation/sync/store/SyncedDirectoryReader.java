package cloud.federation.sync.store;

import cloud.federation.realm.api.SyncedDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The synced store as the rest of the server reads it (the {@link SyncedDirectory} contract). */
@ApplicationScoped
public class SyncedDirectoryReader implements SyncedDirectory {

    @Inject
    DirectoryStore store;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachServedUser(String realmId, Consumer<SyncedUser> action) {
        store.forEachServed(realmId, null, served -> action.accept(new SyncedUser(served.sourceId(), served.user().id(),
                served.user().attributes())));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachServedUser(String realmId, Map<String, Set<String>> idsBySource, Consumer<SyncedUser> action) {
        Set<String> realmSources = new java.util.HashSet<>();
        store.query("select id from directory_source where realm_id = ?", ps -> ps.setString(1, realmId),
                rs -> realmSources.add(rs.getString(1)));
        idsBySource.forEach((sourceId, ids) -> {
            if (realmSources.contains(sourceId)) {
                store.forEachServedAmong(sourceId, ids, served -> action.accept(new SyncedUser(sourceId,
                        served.user().id(), served.user().attributes())));
            }
        });
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachGroup(String realmId, Consumer<SyncedGroup> action) {
        Map<String, SyncedGroup> groups = new LinkedHashMap<>();
        store.query("select g.source_id, g.external_id, g.display_name from synced_group g where g.realm_id = ? "
                        + "order by g.source_id, g.external_id", ps -> ps.setString(1, realmId),
                rs -> groups.put(rs.getString(1) + '\n' + rs.getString(2), new SyncedGroup(rs.getString(1),
                        rs.getString(2), rs.getString(3), new LinkedHashMap<>())));
        store.query("select m.source_id, m.group_id, m.member_id, m.member_kind from synced_membership m "
                        + "join directory_source s on s.id = m.source_id where s.realm_id = ? order by 1, 2, 3",
                ps -> ps.setString(1, realmId), rs -> {
                    SyncedGroup g = groups.get(rs.getString(1) + '\n' + rs.getString(2));
                    if (g != null) {
                        g.members().put(rs.getString(3), rs.getString(4));
                    }
                });
        groups.values().forEach(action);
    }
}
