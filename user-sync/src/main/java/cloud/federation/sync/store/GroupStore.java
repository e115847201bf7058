package cloud.federation.sync.store;

import cloud.federation.sync.engine.ChangeSet;
import cloud.federation.sync.engine.GroupPatch;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Synced groups and their direct members. A full listing is diffed against what is stored, so an unchanged
 * directory writes nothing; a delta applies member additions and removals as they came.
 */
@ApplicationScoped
public class GroupStore {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DirectoryStore directory;

    record Membership(String groupId, String memberId, String kind) {
        String key() {
            return groupId + '\n' + memberId;
        }
    }

    /** Applies the run's group changes; answers whether anything a suite sees changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String sourceId, String realmId, ChangeSet changes, Instant now) {
        if (!changes.groupsTracked()
                || (!changes.fullGroups() && changes.groups().isEmpty() && changes.removedGroups().isEmpty())) {
            return false;
        }
        Map<String, String> names = new HashMap<>();
        directory.query("select external_id, display_name from synced_group where source_id = ?",
                ps -> ps.setString(1, sourceId), rs -> names.put(rs.getString(1), rs.getString(2)));
        Set<Membership> members = new HashSet<>();
        directory.query("select group_id, member_id, member_kind from synced_membership where source_id = ?",
                ps -> ps.setString(1, sourceId),
                rs -> members.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3))));

        Map<String, String> nextNames = changes.fullGroups() ? new HashMap<>() : new HashMap<>(names);
        Map<String, Membership> next = new HashMap<>();
        if (!changes.fullGroups()) {
            members.forEach(m -> next.put(m.key(), m));
        }
        if (!changes.removedGroups().isEmpty()) {
            nextNames.keySet().removeAll(changes.removedGroups());
            next.values().removeIf(m -> changes.removedGroups().contains(m.groupId)
                    || changes.removedGroups().contains(m.memberId));
        }
        for (GroupPatch g : changes.groups().values()) {
            String name = g.displayName() != null ? g.displayName() : names.get(g.id());
            nextNames.put(g.id(), name);
            g.removed().forEach(id -> next.remove(new Membership(g.id(), id, "").key()));
            g.added().forEach((id, kind) -> next.put(new Membership(g.id(), id, kind.name()).key(),
                    new Membership(g.id(), id, kind.name())));
        }
        return write(sourceId, realmId, names, nextNames, members, new HashSet<>(next.values()), now);
    }

    private boolean write(String sourceId, String realmId, Map<String, String> names, Map<String, String> nextNames,
                          Set<Membership> members, Set<Membership> next, Instant now) {
        List<String> deletedGroups = names.keySet().stream().filter(id -> !nextNames.containsKey(id)).toList();
        List<String> newGroups = nextNames.keySet().stream().filter(id -> !names.containsKey(id)).toList();
        List<String> renamed = nextNames.keySet().stream()
                .filter(id -> names.containsKey(id) && !Objects.equals(names.get(id), nextNames.get(id))).toList();
        List<Membership> gone = new ArrayList<>(members);
        gone.removeAll(next);
        List<Membership> added = new ArrayList<>(next);
        added.removeAll(members);
        Timestamp at = Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from synced_group where source_id = ? and external_id = ?")) {
                DirectoryStore.batch(ps, deletedGroups, (s, id) -> {
                    s.setString(1, sourceId);
                    s.setString(2, id);
                });
            }
            try (PreparedStatement ps = c.prepareStatement("insert into synced_group (source_id, external_id, realm_id, "
                    + "display_name, updated_at) values (?, ?, ?, ?, ?)")) {
                DirectoryStore.batch(ps, newGroups, (s, id) -> {
                    s.setString(1, sourceId);
                    s.setString(2, id);
                    s.setString(3, realmId);
                    s.setString(4, nextNames.get(id));
                    s.setTimestamp(5, at);
                });
            }
            try (PreparedStatement ps = c.prepareStatement("update synced_group set display_name = ?, updated_at = ? "
                    + "where source_id = ? and external_id = ?")) {
                DirectoryStore.batch(ps, renamed, (s, id) -> {
                    s.setString(1, nextNames.get(id));
                    s.setTimestamp(2, at);
                    s.setString(3, sourceId);
                    s.setString(4, id);
                });
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from synced_membership where source_id = ? and group_id = ? and member_id = ?")) {
                DirectoryStore.batch(ps, gone, (s, m) -> {
                    s.setString(1, sourceId);
                    s.setString(2, m.groupId);
                    s.setString(3, m.memberId);
                });
            }
            try (PreparedStatement ps = c.prepareStatement("insert into synced_membership (source_id, group_id, "
                    + "member_id, member_kind) values (?, ?, ?, ?)")) {
                DirectoryStore.batch(ps, added, (s, m) -> {
                    s.setString(1, sourceId);
                    s.setString(2, m.groupId);
                    s.setString(3, m.memberId);
                    s.setString(4, m.kind);
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing synced groups failed: " + e.getMessage(), e);
        }
        return !(deletedGroups.isEmpty() && newGroups.isEmpty() && renamed.isEmpty() && gone.isEmpty() && added.isEmpty());
    }
}
