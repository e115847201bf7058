package cloud.federation.sync.group;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Direct group memberships of one source, answering direct and transitive ("nested") membership. Directories allow
 * cycles (A in B, B in A); the walk visits each group once, so a cycle ends instead of looping.
 */
public final class GroupGraph {

    /** member id → groups that contain it directly (members may be users or groups). */
    private final Map<String, Set<String>> parents = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();

    public void add(String groupId, String memberId) {
        parents.computeIfAbsent(memberId, k -> new LinkedHashSet<>()).add(groupId);
        members.computeIfAbsent(groupId, k -> new LinkedHashSet<>()).add(memberId);
    }

    public Set<String> directGroups(String memberId) {
        return Collections.unmodifiableSet(parents.getOrDefault(memberId, Set.of()));
    }

    /** Every group that contains the member directly or through nested groups. */
    public Set<String> transitiveGroups(String memberId) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(memberId, Set.of()));
        while (!todo.isEmpty()) {
            String group = todo.pop();
            if (seen.add(group)) {
                todo.addAll(parents.getOrDefault(group, Set.of()));
            }
        }
        seen.remove(memberId);
        return seen;
    }

    /** Every member (users and groups) reachable from the group through nested groups. */
    public Set<String> transitiveMembers(String groupId) {
        Set<String> seen = new HashSet<>();
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(members.getOrDefault(groupId, Set.of()));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (seen.add(m)) {
                out.add(m);
                todo.addAll(members.getOrDefault(m, Set.of()));
            }
        }
        out.remove(groupId);
        return out;
    }

    public Set<String> directMembers(String groupId) {
        return Collections.unmodifiableSet(members.getOrDefault(groupId, Set.of()));
    }
}
