package cloud.federation.sync.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the upstream said about a group in one run: its name (when sent) and member additions and removals. Graph
 * splits large groups into several slices of {@code members@delta}; {@link #overlay} folds them.
 */
public final class GroupPatch {

    public enum MemberKind { user, group }

    private final String id;
    private String displayName;
    private final Map<String, MemberKind> added = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();

    public GroupPatch(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public GroupPatch displayName(String name) {
        this.displayName = name;
        return this;
    }

    public String displayName() {
        return displayName;
    }

    public GroupPatch add(String memberId, MemberKind kind) {
        removed.remove(memberId);
        added.put(memberId, kind);
        return this;
    }

    public GroupPatch remove(String memberId) {
        added.remove(memberId);
        removed.add(memberId);
        return this;
    }

    public Map<String, MemberKind> added() {
        return added;
    }

    public Set<String> removed() {
        return removed;
    }

    GroupPatch overlay(GroupPatch later) {
        if (later.displayName != null) {
            displayName = later.displayName;
        }
        later.added.forEach(this::add);
        later.removed.forEach(this::remove);
        return this;
    }
}
