package cloud.federation.sync.store;

import cloud.federation.sync.engine.SyncCursor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Cursor, applied rule and the run lease of each source. The lease is a row update guarded by its expiry, so exactly
 * one node wins it, and a node that dies mid-run holds it only until it expires.
 */
@ApplicationScoped
public class SyncStateStore {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DirectoryStore directory;

    @Transactional(Transactional.TxType.MANDATORY)
    public SyncState get(String sourceId) {
        SyncState[] out = {SyncState.NEW};
        directory.query("select users_delta_link, groups_delta_link, applied_filter, approved_removals, force_full "
                        + "from sync_state where source_id = ?", ps -> ps.setString(1, sourceId),
                rs -> out[0] = new SyncState(new SyncCursor(rs.getString(1), rs.getString(2)), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getBoolean(5)));
        return out[0];
    }

    /** Rows a new source needs, written with it so concurrent runs never race to create them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(String sourceId, String realmId) {
        ensureRow(sourceId);
        update("insert into directory_version (realm_id, version, changed_at) select ?, 0, ? where not exists "
                + "(select 1 from directory_version where realm_id = ?)", ps -> {
            ps.setString(1, realmId);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, realmId);
        });
    }

    /** Takes the source's lease for {@code owner} if it is free or expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryLease(String sourceId, String owner, Instant now, Duration lease) {
        ensureRow(sourceId);
        return update("update sync_state set lease_owner = ?, lease_until = ? where source_id = ? "
                + "and (lease_owner is null or lease_until < ?)", ps -> {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
            ps.setString(3, sourceId);
            ps.setTimestamp(4, Timestamp.from(now));
        }) == 1;
    }

    /** Extends a lease this owner still holds; false if it was lost (expired and taken by another node). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean renew(String sourceId, String owner, Instant now, Duration lease) {
        return update("update sync_state set lease_until = ? where source_id = ? and lease_owner = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
            ps.setString(2, sourceId);
            ps.setString(3, owner);
        }) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String sourceId, String owner) {
        update("update sync_state set lease_owner = null, lease_until = null where source_id = ? and lease_owner = ?",
                ps -> {
                    ps.setString(1, sourceId);
                    ps.setString(2, owner);
                });
    }

    /** Records what a committed run leaves for the next one; clears any confirmation it used up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void committed(String sourceId, SyncCursor cursor, String appliedRule, Instant now) {
        update("update sync_state set users_delta_link = ?, groups_delta_link = ?, applied_filter = ?, "
                + "approved_removals = null, force_full = false, last_run_at = ? where source_id = ?", ps -> {
            ps.setString(1, cursor.usersDeltaLink());
            ps.setString(2, cursor.groupsDeltaLink());
            ps.setString(3, appliedRule);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, sourceId);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void approveRemovals(String sourceId, int removals) {
        ensureRow(sourceId);
        update("update sync_state set approved_removals = ? where source_id = ?", ps -> {
            ps.setInt(1, removals);
            ps.setString(2, sourceId);
        });
    }

    /** The next run lists everything again (an admin's resync, or new credentials pointing at another tenant). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestFullSync(String sourceId) {
        ensureRow(sourceId);
        update("update sync_state set force_full = true where source_id = ?", ps -> ps.setString(1, sourceId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> lastRun(String sourceId) {
        Instant[] out = {null};
        directory.query("select last_run_at from sync_state where source_id = ?", ps -> ps.setString(1, sourceId),
                rs -> {
                    Timestamp t = rs.getTimestamp(1);
                    out[0] = t == null ? null : t.toInstant();
                });
        return Optional.ofNullable(out[0]);
    }

    private void ensureRow(String sourceId) {
        // Insert-if-absent that works on H2 and PostgreSQL alike; a concurrent insert loses on the primary key and
        // the row exists either way.
        int[] found = {0};
        directory.query("select 1 from sync_state where source_id = ?", ps -> ps.setString(1, sourceId), rs -> found[0]++);
        if (found[0] == 0) {
            update("insert into sync_state (source_id, force_full) select ?, false where not exists "
                    + "(select 1 from sync_state where source_id = ?)", ps -> {
                ps.setString(1, sourceId);
                ps.setString(2, sourceId);
            });
        }
    }

    int update(String sql, DirectoryStore.ParameterSetter params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            params.set(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating sync state failed: " + e.getMessage(), e);
        }
    }
}
