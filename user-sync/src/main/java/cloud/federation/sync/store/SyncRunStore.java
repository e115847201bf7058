package cloud.federation.sync.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The run history of each source. */
@ApplicationScoped
public class SyncRunStore {

    private static final String COLUMNS = "id, source_id, trigger_kind, mode, status, node, started_at, finished_at, "
            + "upstream_objects, added, updated, removed, served, error";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DirectoryStore directory;
    @Inject
    SyncStateStore state;

    @Transactional(Transactional.TxType.MANDATORY)
    public void start(String id, String sourceId, String realmId, String trigger, String node, Instant now) {
        state.update("insert into sync_run (id, source_id, realm_id, trigger_kind, status, node, started_at) "
                + "values (?, ?, ?, ?, 'RUNNING', ?, ?)", ps -> {
            ps.setString(1, id);
            ps.setString(2, sourceId);
            ps.setString(3, realmId);
            ps.setString(4, trigger);
            ps.setString(5, node);
            ps.setTimestamp(6, Timestamp.from(now));
        });
    }

    /** Runs still marked RUNNING when their source's lease was free again: their node is gone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int abandonStale(String sourceId, String currentRunId, Instant now) {
        return state.update("update sync_run set status = 'ABANDONED', finished_at = ?, error = ? "
                + "where source_id = ? and status = 'RUNNING' and id <> ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, "the node running it stopped before committing; nothing it read was written");
            ps.setString(3, sourceId);
            ps.setString(4, currentRunId);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(String id, SyncRun.Status status, String mode, Integer upstreamObjects, Integer added,
                       Integer updated, Integer removed, Integer served, String error, Instant now) {
        state.update("update sync_run set status = ?, mode = ?, upstream_objects = ?, added = ?, updated = ?, "
                + "removed = ?, served = ?, error = ?, finished_at = ? where id = ?", ps -> {
            ps.setString(1, status.name());
            ps.setString(2, mode);
            ps.setObject(3, upstreamObjects);
            ps.setObject(4, added);
            ps.setObject(5, updated);
            ps.setObject(6, removed);
            ps.setObject(7, served);
            ps.setString(8, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setString(10, id);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<SyncRun> list(String sourceId, int max) {
        List<SyncRun> out = new ArrayList<>();
        directory.query("select " + COLUMNS + " from sync_run where source_id = ? order by started_at desc",
                ps -> {
                    ps.setString(1, sourceId);
                    ps.setMaxRows(max);
                }, rs -> out.add(row(rs)));
        return out;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SyncRun> get(String sourceId, String runId) {
        List<SyncRun> out = new ArrayList<>();
        directory.query("select " + COLUMNS + " from sync_run where source_id = ? and id = ?", ps -> {
            ps.setString(1, sourceId);
            ps.setString(2, runId);
        }, rs -> out.add(row(rs)));
        return out.stream().findFirst();
    }

    /** When each source's latest run started, whatever its outcome. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Map<String, Instant> lastStarts() {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        directory.query("select source_id, max(started_at) from sync_run group by source_id", ps -> { },
                rs -> out.put(rs.getString(1), instant(rs.getTimestamp(2))));
        return out;
    }

    /** A source's last committed run: when (as recorded in its sync state) and, once looked up, how many it served. */
    public record LastCommit(String sourceId, String realmName, String sourceName, Instant at) {
    }

    /** The last commit of every source that has committed at least once: one row per source, no run history read. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LastCommit> lastCommits() {
        List<LastCommit> out = new ArrayList<>();
        directory.query("select s.id, r.name, s.name, st.last_run_at from sync_state st "
                        + "join directory_source s on s.id = st.source_id join realm r on r.id = s.realm_id "
                        + "where st.last_run_at is not null", ps -> { },
                rs -> out.add(new LastCommit(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)))));
        return out;
    }

    /** How many users the run that committed at {@code at} left served (its finish time is the commit time). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Integer> servedByCommit(String sourceId, Instant at) {
        List<Integer> out = new ArrayList<>();
        directory.query("select served from sync_run where source_id = ? and status = 'SUCCEEDED' and finished_at = ?",
                ps -> {
                    ps.setString(1, sourceId);
                    ps.setTimestamp(2, Timestamp.from(at));
                }, rs -> out.add((Integer) rs.getObject(1)));
        return out.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static SyncRun row(ResultSet rs) throws SQLException {
        return new SyncRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SyncRun.Status.valueOf(rs.getString(5)), rs.getString(6), instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)), (Integer) rs.getObject(9), (Integer) rs.getObject(10),
                (Integer) rs.getObject(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13), rs.getString(14));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
