package cloud.federation.sync.store;

import cloud.federation.realm.api.DirectoryDelta;
import cloud.federation.realm.api.DirectoryVersionCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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
    DirectoryVersionCounter counter;
    @Inject
    DirectoryStore directory;

    /** Bumps the realm's counter in the run's commit, with what it changed (see {@link DirectoryVersionCounter}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long bump(String realmId, Instant now, DirectoryDelta delta) {
        return counter.bump(realmId, now, delta);
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
