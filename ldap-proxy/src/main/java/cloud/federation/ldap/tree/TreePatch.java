package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The next tree as a layer over a complete one, given the users changed since that complete tree was built. Groups
 * and suites are recomputed whole (they are few, and a user coming or going changes group entries), users only where
 * they changed or their direct groups did. Gives up (null: build the complete tree) where a change would ripple
 * through names other entries hold: a user renamed, a manager removed or newly served, a duplicate freed.
 */
public final class TreePatch {

    private final RealmTree base;
    private final TreeInputs in;
    private final String realm;
    private final Map<String, SyncedUser> users;
    private final Set<String> changed;
    private final Instant committed;
    /** Changed users still served → their DN. */
    private final Map<String, DN> changedDns = new HashMap<>();
    private final Map<Entry, Entry> replaced = new IdentityHashMap<>();
    private final List<Entry> additions = new ArrayList<>();
    /** User entries of the previous layer over the same base, to take over; and those of this layer. */
    private final Map<String, TreeInputs.BuiltUser> previousLayer;
    private final Map<String, TreeInputs.BuiltUser> layerUsers = new HashMap<>();

    private TreePatch(RealmTree base, RealmTree previous, Map<String, SyncedUser> users, Set<String> changed,
                      Instant committed) {
        this.base = base;
        this.previousLayer = previous != null && previous != base && previous.complete() == base
                ? previous.layerUsers() : Map.of();
        this.in = base.inputs;
        this.realm = base.realm();
        this.users = users;
        this.changed = new TreeSet<>(changed);
        this.committed = committed;
    }

    /** How {@link #over} keys users: the one spelling of it outside the tree package. */
    public static String userKey(String sourceId, String upstreamId) {
        return TreeInputs.key(sourceId, upstreamId);
    }

    /**
     * @param base     a complete tree of the same realm and naming option
     * @param previous the tree served now (a layer over {@code base} lends it its unchanged user entries), or null
     * @param users    every served user now, by {@link #userKey}
     * @param changed keys of the users added, changed or removed since {@code base} was built
     * @return the layer, or null when only a complete build gets it right
     */
    public static RealmTree over(RealmTree base, RealmTree previous, Map<String, SyncedUser> users,
                                 Collection<SyncedGroup> groups, boolean groupsChanged,
                                 Collection<String> suiteClientIds, Set<String> changed, Instant committed) {
        if (base.complete() != base) {
            throw new IllegalArgumentException("a patch layers over a complete tree");
        }
        return new TreePatch(base, previous, users, changed, committed).apply(groups, groupsChanged, suiteClientIds);
    }

    /**
     * @param groupsChanged whether the groups were re-read since the base was built; when not, and no user came or
     *                      went, the base's group entries and memberships still hold
     */
    private RealmTree apply(Collection<SyncedGroup> groups, boolean groupsChanged, Collection<String> suiteClientIds) {
        if (!nameChangedUsers()) {
            return null;
        }
        Function<String, DN> dnOf = key -> changed.contains(key) ? changedDns.get(key) : dnInBase(key);
        Map<DN, Set<DN>> parents;
        Set<DN> regrouped;
        Map<String, Set<String>> cameOrWent = cameOrWent();
        if (groupsChanged) {
            parents = new HashMap<>();
            regrouped = diffGroups(TreeInputs.groupEntries(realm, groups, dnOf, parents));
        } else if (cameOrWent.isEmpty()) {
            parents = base.parents();
            regrouped = Set.of();
        } else {
            parents = new HashMap<>(base.parents());
            regroupMembersThatCameOrWent(groups, cameOrWent, dnOf, parents);
            regrouped = Set.of();
        }
        for (String key : changed) {
            DN dn = changedDns.get(key);
            TreeInputs.BuiltUser old = in.byKey.get(key);
            if (dn == null) {
                put(old == null ? null : old.entry(), null);
                continue;
            }
            SyncedUser u = users.get(key);
            userEntry(old, u, dn, TreeInputs.manager(u, dnOf), parents.getOrDefault(dn, Set.of()));
        }
        for (DN dn : regrouped) {
            TreeInputs.BuiltUser old = in.byDn.get(dn);
            if (old != null && !changed.contains(TreeInputs.key(old.user()))) {
                userEntry(old, old.user(), dn, old.manager(), parents.getOrDefault(dn, Set.of()));
            }
        }
        diff(TreeInputs.fixedEntries(realm, suiteClientIds), in.suites.stream().map(s -> DirectoryNames.suite(realm, s)));
        return new RealmTree(base, replaced, additions, parents, layerUsers);
    }

    /** Names the changed users; false when a change would rename entries other entries refer to. */
    private boolean nameChangedUsers() {
        Set<DN> claimed = new HashSet<>();
        for (String key : changed) {
            SyncedUser u = users.get(key);
            TreeInputs.BuiltUser old = in.byKey.get(key);
            if (u == null) {
                if (old != null && (in.managers.contains(old.dn()) || !in.duplicates.isEmpty())) {
                    return false; // a manager attribute or a duplicate's name would change elsewhere
                }
                continue;
            }
            DN dn = old != null && old.user() == u ? old.dn() : TreeInputs.userDn(realm, u, base.rdnByMail());
            if (old != null && !old.dn().equals(dn)) {
                return false; // renamed: group members and managers name the old DN
            }
            if (!claimed.add(dn)) {
                return false; // two changed users want one name: who keeps it is the complete build's call
            }
            if (old == null) {
                if (in.duplicates.contains(key) || in.unresolvedManagers.contains(key)) {
                    return false;
                }
                TreeInputs.BuiltUser holder = in.byDn.get(dn);
                if (holder != null && !changed.contains(TreeInputs.key(holder.user()))) {
                    return false; // the name is taken by a user this commit leaves alone
                }
            }
            changedDns.put(key, dn);
        }
        return true;
    }

    /** Source → upstream ids of the changed users that are new or gone (names never change in a layer). */
    private Map<String, Set<String>> cameOrWent() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String key : changed) {
            if ((in.byKey.get(key) == null) != (changedDns.get(key) == null)) {
                int cut = key.indexOf('\n');
                out.computeIfAbsent(key.substring(0, cut), k -> new HashSet<>()).add(key.substring(cut + 1));
            }
        }
        return out;
    }

    /**
     * The groups themselves did not change, but users came or went: only groups listing one of them get a new
     * entry, and only those users' direct groups change. {@code parents} is a copy of the base's, whose value sets
     * are shared with the base and must only be replaced, never changed.
     */
    private void regroupMembersThatCameOrWent(Collection<SyncedGroup> groups, Map<String, Set<String>> cameOrWent,
                                              Function<String, DN> dnOf, Map<DN, Set<DN>> parents) {
        for (String key : changed) {
            TreeInputs.BuiltUser old = in.byKey.get(key);
            if (old != null && changedDns.get(key) == null) {
                parents.remove(old.dn());
            }
        }
        Map<String, DN> groupDns = TreeInputs.groupDns(realm, groups);
        for (SyncedGroup g : groups) {
            Set<String> ids = cameOrWent.getOrDefault(g.sourceId(), Set.of());
            if (ids.stream().noneMatch(g.members()::containsKey)) {
                continue;
            }
            DN dn = groupDns.get(TreeInputs.key(g.sourceId(), g.id()));
            for (String id : ids) {
                DN member = g.members().containsKey(id) && !"group".equals(g.members().get(id))
                        ? changedDns.get(TreeInputs.key(g.sourceId(), id)) : null;
                if (member != null) {
                    parents.computeIfAbsent(member, k -> new java.util.LinkedHashSet<>()).add(dn);
                }
            }
            Entry entry = TreeInputs.groupEntry(dn, TreeInputs.memberDns(g, groupDns, dnOf),
                    parents.getOrDefault(dn, Set.of()));
            Entry old = base.get(dn);
            if (old == null || !old.equals(entry)) {
                put(old, entry);
            }
        }
    }

    private DN dnInBase(String key) {
        TreeInputs.BuiltUser built = in.byKey.get(key);
        return built == null ? null : built.dn();
    }

    /** Puts changed group entries in the layer; answers the users whose direct groups may have changed. */
    private Set<DN> diffGroups(TreeInputs.Groups now) {
        Set<DN> regrouped = new HashSet<>();
        for (Entry g : now.entries()) {
            DN dn = DirectoryNames.of(g);
            Entry old = base.get(dn);
            if (old != null && old.equals(g)) {
                continue;
            }
            Set<DN> before = new HashSet<>(in.groupMembers.getOrDefault(dn, List.of()));
            Set<DN> after = new HashSet<>(now.members().get(dn));
            for (DN m : after) {
                if (!before.remove(m)) {
                    regrouped.add(m);
                }
            }
            regrouped.addAll(before);
            put(old, g);
        }
        for (Map.Entry<DN, List<DN>> old : in.groupMembers.entrySet()) {
            if (!now.members().containsKey(old.getKey())) {
                put(base.get(old.getKey()), null);
                regrouped.addAll(old.getValue());
            }
        }
        return regrouped;
    }

    private void userEntry(TreeInputs.BuiltUser old, SyncedUser u, DN dn, DN manager, Set<DN> direct) {
        if (old != null && old.sameInputs(u, dn, manager, direct)) {
            return;
        }
        String key = TreeInputs.key(u);
        TreeInputs.BuiltUser prior = previousLayer.get(key);
        TreeInputs.BuiltUser built = prior != null && prior.sameInputs(u, dn, manager, direct) ? prior
                : new TreeInputs.BuiltUser(u, dn, manager, Set.copyOf(direct),
                TreeInputs.userEntry(realm, dn, u, manager, direct, committed), null);
        layerUsers.put(key, built);
        put(old == null ? null : old.entry(), built.entry());
    }

    /** Entries that must look as given; {@code before} lists the DNs of that kind in the base, gone unless given. */
    private void diff(List<Entry> wanted, java.util.stream.Stream<DN> before) {
        Set<DN> kept = new HashSet<>();
        for (Entry e : wanted) {
            DN dn = DirectoryNames.of(e);
            kept.add(dn);
            Entry old = base.get(dn);
            if (old == null || !old.equals(e)) {
                put(old, e);
            }
        }
        before.filter(dn -> !kept.contains(dn)).forEach(dn -> put(base.get(dn), null));
    }

    /** {@code old} (a base entry, or null) becomes {@code replacement} (null: removed). */
    private void put(Entry old, Entry replacement) {
        if (old != null) {
            replaced.put(old, replacement);
        } else if (replacement != null) {
            additions.add(replacement);
        }
    }
}
