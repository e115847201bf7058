package cloud.federation.sync.simulator;

import cloud.federation.sync.simulator.TrackedObject.MemberEvent;
import cloud.federation.sync.simulator.TrackedObject.State;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Entra tenant behind {@link GraphSimulator}: users and groups that tests mutate while the simulator serves delta
 * rounds. Every mutation advances one global change sequence; delta tokens are positions in that sequence.
 * Thread-safe.
 */
public final class GraphDirectory {

    private final SyntheticTenant tenant;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LinkedHashMap<String, TrackedObject> users = new LinkedHashMap<>();
    private final LinkedHashMap<String, TrackedObject> groups = new LinkedHashMap<>();
    private long sequence;
    private int nextUserIndex;
    private int nextGroupIndex;

    private GraphDirectory(long seed) {
        this.tenant = new SyntheticTenant(seed);
    }

    /**
     * A tenant of {@code users} users and {@code groups} groups; the same seed always yields the same ids and values.
     * Groups nest (group 0 contains groups 1-4, group 1 contains 5-8, ...); there is no membership cycle unless a test
     * adds one with {@link #addMember}.
     */
    public static GraphDirectory generate(long seed, int users, int groups) {
        if (users < 0 || groups < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        GraphDirectory directory = new GraphDirectory(seed);
        directory.write(() -> {
            long created = ++directory.sequence;
            for (int g = 0; g < groups; g++) {
                TrackedObject group = new TrackedObject(directory.tenant.groupId(g), true, directory.tenant.group(g), created);
                directory.groups.put(group.id, group);
                int parent = directory.tenant.parentGroup(g);
                if (parent >= 0) {
                    directory.groups.get(directory.tenant.groupId(parent)).members.add(group.id);
                }
            }
            directory.nextGroupIndex = groups;
            for (int u = 0; u < users; u++) {
                TrackedObject user = new TrackedObject(directory.tenant.userId(u), false, directory.tenant.user(u), created);
                user.manager = directory.tenant.manager(u);
                directory.users.put(user.id, user);
                for (int g : directory.tenant.groupsOfUser(u, groups)) {
                    directory.groups.get(directory.tenant.groupId(g)).members.add(user.id);
                }
            }
            directory.nextUserIndex = users;
            return null;
        });
        return directory;
    }

    /** Creates the next generated user (deterministic for the seed and the number of users so far). */
    public Map<String, Object> addUser() {
        return write(() -> {
            int index = nextUserIndex++;
            TrackedObject user = new TrackedObject(tenant.userId(index), false, tenant.user(index), ++sequence);
            String manager = tenant.manager(index);
            TrackedObject managerObject = manager == null ? null : users.get(manager);
            user.manager = managerObject != null && managerObject.state == State.LIVE ? manager : null;
            users.put(user.id, user);
            return describe(user);
        });
    }

    /**
     * Changes properties of a live user. A null value clears the property; key {@code manager} takes the manager's id
     * (or null). Values equal to the current ones are not a change.
     */
    public void updateUser(String id, Map<String, ?> changes) {
        write(() -> {
            TrackedObject user = live(users, id, "user");
            for (String property : changes.keySet()) {
                // Validate everything first so a bad key cannot leave half an update behind.
                normalize(property, changes.get(property));
                if (!property.equals(GraphSchema.MANAGER)) {
                    GraphSchema.index(false, property);
                }
            }
            long at = sequence + 1;
            boolean changed = false;
            for (Map.Entry<String, ?> change : changes.entrySet()) {
                String property = change.getKey();
                Object value = normalize(property, change.getValue());
                if (property.equals(GraphSchema.MANAGER)) {
                    if (value != null && !users.containsKey(value)) {
                        throw new IllegalArgumentException("No user " + value + " to be the manager");
                    }
                    if (!java.util.Objects.equals(user.manager, value)) {
                        user.previousManager = user.manager;
                        user.manager = (String) value;
                        user.managerChangedAt = at;
                        changed = true;
                    }
                } else {
                    changed |= user.set(GraphSchema.index(false, property), value, at);
                }
            }
            if (changed) {
                sequence = at;
                user.lastChange = at;
            }
            return null;
        });
    }

    /** Deletes a user into the recycle bin: delta reports {@code @removed: changed} and the user leaves its groups. */
    public void softDelete(String id) {
        write(() -> {
            TrackedObject user = live(users, id, "user");
            long at = ++sequence;
            user.groupsBeforeDeletion = leaveAllGroups(user.id, at);
            user.state = State.SOFT_DELETED;
            user.stateChangedAt = at;
            user.lastChange = at;
            return null;
        });
    }

    /** Restores a soft-deleted user with its properties and group memberships; delta reports it in full again. */
    public void restore(String id) {
        write(() -> {
            TrackedObject user = users.get(id);
            if (user == null || user.state != State.SOFT_DELETED) {
                throw new IllegalStateException("User " + id + " is not soft-deleted");
            }
            long at = ++sequence;
            user.state = State.LIVE;
            user.restoredAt = at;
            user.stateChangedAt = at;
            user.lastChange = at;
            for (String groupId : user.groupsBeforeDeletion) {
                TrackedObject group = groups.get(groupId);
                if (group != null && group.state == State.LIVE) {
                    changeMembership(group, user.id, true, at);
                }
            }
            user.groupsBeforeDeletion = List.of();
            return null;
        });
    }

    /** Deletes a user for good (from the recycle bin or directly): delta reports {@code @removed: deleted}. */
    public void hardDelete(String id) {
        write(() -> {
            TrackedObject user = users.get(id);
            if (user == null || user.state == State.HARD_DELETED) {
                throw new IllegalStateException("No user " + id);
            }
            long at = ++sequence;
            if (user.state == State.LIVE) {
                leaveAllGroups(user.id, at);
            }
            user.groupsBeforeDeletion = List.of();
            user.state = State.HARD_DELETED;
            user.stateChangedAt = at;
            user.lastChange = at;
            return null;
        });
    }

    /** Creates a security group; returns its id. Members may be users or groups. */
    public String addGroup(String displayName, List<String> memberIds) {
        return write(() -> {
            int index = nextGroupIndex++;
            Object[] values = tenant.group(index);
            values[GraphSchema.index(true, "displayName")] = displayName;
            TrackedObject group = new TrackedObject(tenant.groupId(index), true, values, ++sequence);
            for (String member : memberIds) {
                requireMember(member);
                group.members.add(member);
            }
            groups.put(group.id, group);
            return group.id;
        });
    }

    /** Adds a user or group to a group; adding a group that contains this one makes a membership cycle. */
    public void addMember(String groupId, String memberId) {
        write(() -> {
            TrackedObject group = live(groups, groupId, "group");
            requireMember(memberId);
            if (!group.members.contains(memberId)) {
                changeMembership(group, memberId, true, ++sequence);
            }
            return null;
        });
    }

    public void removeMember(String groupId, String memberId) {
        write(() -> {
            TrackedObject group = live(groups, groupId, "group");
            if (group.members.contains(memberId)) {
                changeMembership(group, memberId, false, ++sequence);
            }
            return null;
        });
    }

    /** Deletes a group for good; delta reports {@code @removed: deleted} and it leaves the groups it was in. */
    public void deleteGroup(String id) {
        write(() -> {
            TrackedObject group = live(groups, id, "group");
            long at = ++sequence;
            leaveAllGroups(id, at);
            group.state = State.HARD_DELETED;
            group.stateChangedAt = at;
            group.lastChange = at;
            return null;
        });
    }

    public List<String> liveUserIds() {
        return read(() -> users.values().stream().filter(u -> u.state == State.LIVE).map(u -> u.id).toList());
    }

    /** The user's properties plus {@code id} and {@code manager} (an id); null for unknown or hard-deleted users. */
    public Map<String, Object> user(String id) {
        return read(() -> {
            TrackedObject user = users.get(id);
            return user == null || user.state == State.HARD_DELETED ? null : describe(user);
        });
    }

    /** Ids of groups that are not deleted. */
    public List<String> groupIds() {
        return read(() -> groups.values().stream().filter(g -> g.state == State.LIVE).map(g -> g.id).toList());
    }

    /** The group's properties plus {@code id} and {@code members} (ids of users and groups); null if unknown or deleted. */
    public Map<String, Object> group(String id) {
        return read(() -> {
            TrackedObject group = groups.get(id);
            if (group == null || group.state != State.LIVE) {
                return null;
            }
            Map<String, Object> described = describe(group);
            described.put(GraphSchema.MEMBERS, List.copyOf(group.members));
            return described;
        });
    }

    public long sequence() {
        return read(() -> sequence);
    }

    // ---- for the delta feeds; callers hold the read lock through read(...)

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    long currentSequence() {
        return sequence;
    }

    Collection<TrackedObject> objects(boolean ofGroups) {
        return ofGroups ? groups.values() : users.values();
    }

    TrackedObject object(boolean ofGroups, String id) {
        return ofGroups ? groups.get(id) : users.get(id);
    }

    boolean isGroup(String id) {
        return groups.containsKey(id);
    }

    // ----

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private List<String> leaveAllGroups(String memberId, long at) {
        List<String> left = new ArrayList<>();
        for (TrackedObject group : groups.values()) {
            if (group.state == State.LIVE && group.members.contains(memberId)) {
                changeMembership(group, memberId, false, at);
                left.add(group.id);
            }
        }
        return left;
    }

    private static void changeMembership(TrackedObject group, String memberId, boolean added, long at) {
        if (added) {
            group.members.add(memberId);
        } else {
            group.members.remove(memberId);
        }
        group.memberLog.add(new MemberEvent(at, memberId, added));
        group.lastChange = at;
    }

    private void requireMember(String memberId) {
        TrackedObject member = users.containsKey(memberId) ? users.get(memberId) : groups.get(memberId);
        if (member == null || member.state != State.LIVE) {
            throw new IllegalArgumentException("No live user or group " + memberId);
        }
    }

    private static TrackedObject live(Map<String, TrackedObject> objects, String id, String kind) {
        TrackedObject object = objects.get(id);
        if (object == null || object.state != State.LIVE) {
            throw new IllegalStateException("No live " + kind + " " + id);
        }
        return object;
    }

    private static Object normalize(String property, Object value) {
        if (property.equals("id")) {
            throw new IllegalArgumentException("id cannot change");
        }
        if (value == null) {
            return null;
        }
        if (GraphSchema.COLLECTIONS.contains(property)) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(property + " takes a list");
            }
            return list.stream().map(String::valueOf).toList();
        }
        if (GraphSchema.BOOLEANS.contains(property)) {
            if (!(value instanceof Boolean)) {
                throw new IllegalArgumentException(property + " takes a Boolean");
            }
            return value;
        }
        return value.toString();
    }

    private static Map<String, Object> describe(TrackedObject object) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", object.id);
        List<String> names = GraphSchema.properties(object.group);
        for (int i = 0; i < names.size(); i++) {
            if (object.value(i) != null) {
                described.put(names.get(i), object.value(i));
            }
        }
        if (!object.group && object.manager != null) {
            described.put(GraphSchema.MANAGER, object.manager);
        }
        return described;
    }
}
