package cloud.federation.sync.engine;

import cloud.federation.sync.user.UserPatch;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one run read from the upstream, folded per object: Graph may send an object twice (replays,
 * duplicates across pages) or a group's members in several slices, and a later message about an object wins.
 * When a listing is full (first run, resync, expired delta token, Webex always) objects it does not name are gone.
 */
public final class ChangeSet {

    private boolean fullUsers;
    private boolean groupsTracked;
    private boolean fullGroups;
    private final Map<String, UserPatch> users = new LinkedHashMap<>();
    private final Set<String> removedUsers = new LinkedHashSet<>();
    private final Map<String, GroupPatch> groups = new LinkedHashMap<>();
    private final Set<String> removedGroups = new LinkedHashSet<>();
    private int upstreamObjects;

    /** Starts (or restarts, after an expired delta token) a listing of every user; what came before is void. */
    public void beginUserListing() {
        fullUsers = true;
        users.clear();
        removedUsers.clear();
    }

    public void beginGroupListing() {
        groupsTracked = true;
        fullGroups = true;
        groups.clear();
        removedGroups.clear();
    }

    /** Groups arrive as a delta; called instead of {@link #beginGroupListing()}. */
    public void trackGroupDelta() {
        groupsTracked = true;
    }

    public void user(UserPatch patch) {
        upstreamObjects++;
        removedUsers.remove(patch.id());
        users.merge(patch.id(), patch, UserPatch::overlay);
    }

    public void userRemoved(String id) {
        upstreamObjects++;
        users.remove(id);
        removedUsers.add(id);
    }

    public void group(GroupPatch patch) {
        upstreamObjects++;
        removedGroups.remove(patch.id());
        groups.merge(patch.id(), patch, GroupPatch::overlay);
    }

    public void groupRemoved(String id) {
        upstreamObjects++;
        groups.remove(id);
        removedGroups.add(id);
    }

    public boolean fullUsers() {
        return fullUsers;
    }

    public boolean groupsTracked() {
        return groupsTracked;
    }

    public boolean fullGroups() {
        return fullGroups;
    }

    public Map<String, UserPatch> users() {
        return users;
    }

    public Set<String> removedUsers() {
        return removedUsers;
    }

    public Map<String, GroupPatch> groups() {
        return groups;
    }

    public Set<String> removedGroups() {
        return removedGroups;
    }

    public Optional<UserPatch> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public int upstreamObjects() {
        return upstreamObjects;
    }
}
