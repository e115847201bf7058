package cloud.federation.realm.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code directory_change} table: what each version of a realm's served directory changed. Written by
 * {@link DirectoryVersionCounter} while it holds the realm's counter row, so versions commit in order; read by a node
 * that serves version N and is told of version M, to re-read only what changed in between. Rows older than
 * {@link #KEPT} go: a reader further behind (or one that finds a version missing) reloads the whole realm.
 */
@ApplicationScoped
public class DirectoryChangeLog {

    static final Duration KEPT = Duration.ofHours(1);

    @Inject
    EntityManager em;

    /** Where a reader stands after catching up: the version it reached and what changed since the one it had. */
    public record Catchup(long version, DirectoryDelta delta) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(String realmId, long version, DirectoryDelta delta, Instant now) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement prune = c.prepareStatement(
                    "delete from directory_change where realm_id = ? and changed_at < ?")) {
                prune.setString(1, realmId);
                prune.setTimestamp(2, Timestamp.from(now.minus(KEPT)));
                prune.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into directory_change (realm_id, version, kind, "
                    + "source_id, external_id, changed_at) values (?, ?, ?, ?, ?, ?)")) {
                Timestamp at = Timestamp.from(now);
                BatchedWrites.execute(ps, rows(delta), (p, row) -> {
                    p.setString(1, realmId);
                    p.setLong(2, version);
                    p.setString(3, row.kind);
                    p.setString(4, row.sourceId);
                    p.setString(5, row.externalId);
                    p.setTimestamp(6, at);
                });
            }
        });
    }

    private record Row(String kind, String sourceId, String externalId) {
    }

    /** At least one row per version, so a reader can tell a pruned version from one that changed nothing. */
    private static java.util.List<Row> rows(DirectoryDelta delta) {
        java.util.List<Row> rows = new java.util.ArrayList<>();
        if (delta.reloadAll()) {
            rows.add(new Row("all", null, null));
            return rows;
        }
        if (delta.suitesChanged()) {
            rows.add(new Row("suites", null, null));
        }
        delta.groupSources().forEach(source -> rows.add(new Row("groups", source, null)));
        delta.users().forEach((source, ids) -> ids.forEach(id -> rows.add(new Row("user", source, id))));
        if (rows.isEmpty()) {
            rows.add(new Row("all", null, null));
        }
        return rows;
    }

    /**
     * What changed in the realm after {@code afterVersion}, up to its current version; everything when the log no
     * longer covers every version in between (or {@code afterVersion} is 0: nothing loaded yet).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Catchup since(String realmId, long afterVersion) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            long current = 0;
            try (PreparedStatement ps = c.prepareStatement("select version from directory_version where realm_id = ?")) {
                ps.setString(1, realmId);
                try (ResultSet rs = ps.executeQuery()) {
                    current = rs.next() ? rs.getLong(1) : 0;
                }
            }
            if (afterVersion <= 0 || current < afterVersion) {
                return new Catchup(current, DirectoryDelta.everything());
            }
            Set<Long> seen = new HashSet<>();
            boolean everything = false;
            boolean suites = false;
            Map<String, Set<String>> users = new HashMap<>();
            Set<String> groups = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select version, kind, source_id, external_id from "
                    + "directory_change where realm_id = ? and version > ? and version <= ?")) {
                ps.setFetchSize(1000);
                ps.setString(1, realmId);
                ps.setLong(2, afterVersion);
                ps.setLong(3, current);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getLong(1));
                        switch (rs.getString(2)) {
                            case "user" -> users.computeIfAbsent(rs.getString(3), k -> new HashSet<>()).add(rs.getString(4));
                            case "groups" -> groups.add(rs.getString(3));
                            case "suites" -> suites = true;
                            default -> everything = true;
                        }
                    }
                }
            }
            if (everything || seen.size() != current - afterVersion) {
                return new Catchup(current, DirectoryDelta.everything());
            }
            return new Catchup(current, new DirectoryDelta(false, suites, users, groups));
        });
    }
}
