package cloud.federation.realm.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a realm's served directory, as far as the LDAP view needs to know to catch up without reloading
 * everything: users by source and upstream id, the groups of some sources, the suites' LDAP credentials, or
 * everything. Deltas of consecutive versions add up.
 *
 * @param reloadAll     anything may have changed: reload the realm
 * @param suitesChanged the suites' LDAP credentials or entries changed
 * @param users        source id → upstream ids of users added, changed or removed
 * @param groupSources sources whose groups or memberships changed
 */
public record DirectoryDelta(boolean reloadAll, boolean suitesChanged, Map<String, Set<String>> users,
                             Set<String> groupSources) {

    /** Past this many users in one commit, listing them costs more than a reader reloading the realm. */
    public static final int MAX_LISTED_USERS = 10_000;

    public DirectoryDelta {
        users = Map.copyOf(users);
        groupSources = Set.copyOf(groupSources);
    }

    public static DirectoryDelta everything() {
        return new DirectoryDelta(true, false, Map.of(), Set.of());
    }

    public static DirectoryDelta suites() {
        return new DirectoryDelta(false, true, Map.of(), Set.of());
    }

    /** One sync commit of a source; a commit touching more than {@link #MAX_LISTED_USERS} counts as everything. */
    public static DirectoryDelta source(String sourceId, Collection<String> userIds, boolean groupsChanged) {
        if (userIds.size() > MAX_LISTED_USERS) {
            return everything();
        }
        return new DirectoryDelta(false, false, userIds.isEmpty() ? Map.of() : Map.of(sourceId, Set.copyOf(userIds)),
                groupsChanged ? Set.of(sourceId) : Set.of());
    }

    public DirectoryDelta plus(DirectoryDelta other) {
        if (reloadAll || other.reloadAll) {
            return everything();
        }
        Map<String, Set<String>> both = new HashMap<>();
        users.forEach((source, ids) -> both.put(source, new HashSet<>(ids)));
        other.users.forEach((source, ids) -> both.computeIfAbsent(source, k -> new HashSet<>()).addAll(ids));
        Set<String> groups = new HashSet<>(groupSources);
        groups.addAll(other.groupSources);
        return new DirectoryDelta(false, suitesChanged || other.suitesChanged, both, groups);
    }

    public int userCount() {
        return users.values().stream().mapToInt(Set::size).sum();
    }

    public boolean groupsChanged() {
        return !groupSources.isEmpty();
    }
}
