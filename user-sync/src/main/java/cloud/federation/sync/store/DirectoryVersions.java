package cloud.federation.sync.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A counter per realm, bumped in the commit of every run that changed served data. Other nodes read this one small
 * table to learn that their in-memory view is stale, instead of re-reading the synced users.
 */
@ApplicationScoped
public class DirectoryVersions {

    @Inject
    SyncStateStore state;
    @Inject
    DirectoryStore directory;

    @Transactional(Transactional.TxType.MANDATORY)
    public long bump(String realmId, Instant now) {
        int updated = state.update("update directory_version set version = version + 1, changed_at = ? "
                + "where realm_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, realmId);
        });
        if (updated == 0) {
            state.update("insert into directory_version (realm_id, version, changed_at) values (?, 1, ?)", ps -> {
                ps.setString(1, realmId);
                ps.setTimestamp(2, Timestamp.from(now));
            });
        }
        return current().getOrDefault(realmId, 0L);
    }

    /** Every realm's version, for a node polling for changes made elsewhere. */
    @Transactional
    public Map<String, Long> current() {
        Map<String, Long> out = new HashMap<>();
        directory.query("select realm_id, version from directory_version", ps -> { },
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }
}
