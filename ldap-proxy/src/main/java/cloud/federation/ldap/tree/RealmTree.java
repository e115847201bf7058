package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One realm's directory as suites see it, immutable: the naming context, {@code ou=users}, {@code ou=groups} and
 * {@code ou=suites}, from one committed sync state. A new commit makes a new tree; searches that started on the old
 * one finish on it.
 * <p>
 * A tree is either complete ({@link #build}) or a layer over a complete base ({@link TreePatch}): the layer holds
 * the entries that differ from the base and hides the base entries they supersede, so a commit that touches a few
 * users of a large realm costs a few entries, not the whole realm. Tree order (what paging resumes on) is the base's,
 * with replacements at the position of the entry they replace and new entries after the base's last.
 */
public final class RealmTree {

    private final String realm;
    private final DN root;
    private final boolean rdnByMail;
    /** This layer's entries: all of them, or in a layer the replacements and additions. */
    private final Map<DN, Entry> entries;
    private final Map<Entry, Integer> positions;
    private final EqualityIndex index;
    /** entry DN → groups that contain it directly; always complete, also in a layer. */
    private final Map<DN, Set<DN>> parents;

    // Complete trees only.
    private final List<Entry> inOrder;
    private final Map<DN, List<DN>> children;
    /** What each user entry was built from, so the next tree can take it over or tell what changed. */
    final TreeInputs inputs;

    // Layers only.
    private final RealmTree base;
    /** Base entries hidden by this layer → their replacement, or null when removed. */
    private final Map<Entry, Entry> superseded;
    private final List<Entry> added;
    private final Map<DN, List<DN>> addedChildren;
    /** The layer's user entries with what they were built from, for the next layer over the same base. */
    private final Map<String, TreeInputs.BuiltUser> layerUsers;
    private final int size;

    private RealmTree(String realm, boolean rdnByMail, int expectedEntries) {
        this.realm = realm;
        this.root = DirectoryNames.realm(realm);
        this.rdnByMail = rdnByMail;
        this.entries = new HashMap<>(expectedEntries * 4 / 3 + 16);
        this.positions = new IdentityHashMap<>(expectedEntries);
        this.index = new EqualityIndex(DirectorySchema.get(), expectedEntries);
        this.parents = new HashMap<>();
        this.inOrder = new ArrayList<>(expectedEntries);
        this.children = new HashMap<>();
        this.inputs = new TreeInputs(expectedEntries);
        this.base = null;
        this.layerUsers = Map.of();
        this.superseded = Map.of();
        this.added = List.of();
        this.addedChildren = Map.of();
        this.size = -1;
    }

    /** A layer over {@code base}: {@code replaced} maps base entries to their replacements (null: removed). */
    RealmTree(RealmTree base, Map<Entry, Entry> replaced, List<Entry> additions, Map<DN, Set<DN>> parents,
              Map<String, TreeInputs.BuiltUser> layerUsers) {
        this.realm = base.realm;
        this.root = base.root;
        this.rdnByMail = base.rdnByMail;
        this.base = base;
        this.superseded = replaced;
        this.added = List.copyOf(additions);
        this.parents = parents;
        this.entries = new HashMap<>();
        this.positions = new IdentityHashMap<>();
        this.index = new EqualityIndex(DirectorySchema.get(), replaced.size() + additions.size());
        this.inOrder = null;
        this.children = null;
        this.inputs = null;
        this.layerUsers = layerUsers;
        this.addedChildren = new HashMap<>();
        // Index in position order, so each index run of the layer is in tree order like the base's.
        List<Map.Entry<Entry, Entry>> replacements = new ArrayList<>();
        for (Map.Entry<Entry, Entry> r : replaced.entrySet()) {
            if (r.getValue() != null) {
                replacements.add(r);
            }
        }
        replacements.sort((a, b) -> Integer.compare(base.position(a.getKey()), base.position(b.getKey())));
        for (Map.Entry<Entry, Entry> r : replacements) {
            own(r.getValue(), base.position(r.getKey()));
        }
        int next = base.inOrder.size();
        for (Entry e : this.added) {
            own(e, next++);
            DN dn = DirectoryNames.of(e);
            addedChildren.computeIfAbsent(dn.getParent(), k -> new ArrayList<>()).add(dn);
        }
        this.size = base.size() - (int) replaced.values().stream().filter(v -> v == null).count() + this.added.size();
        index.freeze();
    }

    private void own(Entry e, int position) {
        entries.put(DirectoryNames.of(e), e);
        positions.put(e, position);
        index.add(e);
    }

    /**
     * @param rdnByMail name users {@code mail=…} instead of {@code uid=…} (realm option); users without mail keep uid
     */
    public static RealmTree build(String realm, Collection<SyncedUser> users, Collection<SyncedGroup> groups,
                                  Collection<String> suiteClientIds, boolean rdnByMail, Instant committed) {
        return build(realm, users, groups, suiteClientIds, rdnByMail, committed, null);
    }

    /**
     * A complete tree, taking over from {@code previous} (may be null) every user entry whose inputs did not change:
     * the same {@link SyncedUser} instance, name, manager and direct groups. Entries are immutable once published,
     * so trees can share them.
     */
    public static RealmTree build(String realm, Collection<SyncedUser> users, Collection<SyncedGroup> groups,
                                  Collection<String> suiteClientIds, boolean rdnByMail, Instant committed,
                                  RealmTree previous) {
        RealmTree tree = new RealmTree(realm, rdnByMail, users.size() + groups.size() + suiteClientIds.size() + 4);
        TreeInputs reusable = previous == null || !previous.realm.equals(realm) || previous.rdnByMail != rdnByMail
                ? TreeInputs.NONE : previous.complete().inputs;
        for (Entry e : TreeInputs.fixedEntries(realm, suiteClientIds)) {
            tree.add(e);
        }
        tree.inputs.suites.addAll(suiteClientIds);

        Map<String, DN> userDns = new HashMap<>(users.size() * 4 / 3 + 16);
        Set<DN> usedUserDns = new java.util.HashSet<>(users.size() * 4 / 3 + 16);
        List<SyncedUser> named = new ArrayList<>(users.size());
        for (SyncedUser u : users) {
            TreeInputs.BuiltUser old = reusable.byKey.get(TreeInputs.key(u));
            DN dn = old != null && old.user() == u ? old.dn() : TreeInputs.userDn(realm, u, rdnByMail);
            if (!usedUserDns.add(dn)) {
                tree.inputs.duplicates.add(TreeInputs.key(u));
                continue; // the same person from two sources: the first source wins
            }
            userDns.put(TreeInputs.key(u), dn);
            named.add(u);
        }

        TreeInputs.Groups groupEntries = TreeInputs.groupEntries(realm, groups, userDns::get, tree.parents);
        for (SyncedUser u : named) {
            String key = TreeInputs.key(u);
            DN dn = userDns.get(key);
            DN manager = TreeInputs.manager(u, userDns::get);
            Set<DN> direct = tree.parents.getOrDefault(dn, Set.of());
            TreeInputs.BuiltUser old = reusable.byKey.get(key);
            TreeInputs.BuiltUser built;
            if (old != null && old.sameInputs(u, dn, manager, direct)) {
                built = old;
                tree.add(built.entry(), built.indexKeys());
            } else {
                Entry e = TreeInputs.userEntry(realm, dn, u, manager, direct, committed);
                built = new TreeInputs.BuiltUser(u, dn, manager, Set.copyOf(direct), e, tree.add(e));
            }
            tree.inputs.put(key, built);
        }
        for (Entry g : groupEntries.entries()) {
            tree.add(g);
        }
        tree.inputs.groupMembers.putAll(groupEntries.members());
        tree.index.freeze();
        return tree;
    }

    /** Adds the entry and answers its index keys, for {@link #add(Entry, String[])} in the next tree. */
    private String[] add(Entry e) {
        place(e);
        return index.add(e);
    }

    private void add(Entry e, String[] indexKeys) {
        place(e);
        index.add(e, indexKeys);
    }

    private void place(Entry e) {
        DN dn = DirectoryNames.of(e);
        entries.put(dn, e);
        positions.put(e, inOrder.size());
        inOrder.add(e);
        DN parent = dn.getParent();
        if (parent != null) {
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(dn);
        }
    }

    /** The complete tree this one is (or is a layer over). */
    RealmTree complete() {
        return base == null ? this : base;
    }

    boolean rdnByMail() {
        return rdnByMail;
    }

    Map<String, TreeInputs.BuiltUser> layerUsers() {
        return layerUsers;
    }

    public String realm() {
        return realm;
    }

    public DN root() {
        return root;
    }

    public Entry get(DN dn) {
        Entry own = entries.get(dn);
        if (own != null || base == null) {
            return own;
        }
        Entry e = base.get(dn);
        return e == null || superseded.containsKey(e) ? null : e;
    }

    /** Whether an entry of this tree or its base is part of this tree (not hidden by the layer). */
    boolean live(Entry e) {
        return base == null || !superseded.containsKey(e);
    }

    /** Every entry, parents before children. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>(size());
        from(0).forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    List<DN> children(DN dn) {
        if (base == null) {
            return children.getOrDefault(dn, List.of());
        }
        List<DN> out = new ArrayList<>();
        for (DN child : base.children(dn)) {
            if (get(child) != null) {
                out.add(child);
            }
        }
        out.addAll(addedChildren.getOrDefault(dn, List.of()));
        return out;
    }

    /** Index runs (each in tree order) of entries whose attribute equals the value; may hold hidden entries. */
    List<List<Entry>> equal(String attribute, ASN1OctetString value) {
        List<Entry> own = index.equal(attribute, value);
        if (base == null) {
            return List.of(own);
        }
        List<Entry> below = base.index.equal(attribute, value);
        return own.isEmpty() ? List.of(below) : List.of(below, own);
    }

    /** Index runs of entries with a value of the attribute starting with the prefix; may hold hidden entries. */
    List<List<Entry>> startingWith(String attribute, ASN1OctetString prefix) {
        if (base == null) {
            return index.startingWith(attribute, prefix);
        }
        List<List<Entry>> runs = new ArrayList<>(base.index.startingWith(attribute, prefix));
        runs.addAll(index.startingWith(attribute, prefix));
        return runs;
    }

    boolean indexed(String attribute) {
        return index.indexed(attribute);
    }

    String canonical(String attribute) {
        return index.canonical(attribute);
    }

    /** Every group containing {@code dn} directly or through nested groups (AD's LDAP_MATCHING_RULE_IN_CHAIN). */
    Set<DN> groupsInChain(DN dn) {
        Set<DN> seen = new LinkedHashSet<>();
        Deque<DN> todo = new ArrayDeque<>(parents.getOrDefault(dn, Set.of()));
        while (!todo.isEmpty()) {
            DN g = todo.pop();
            if (seen.add(g)) {
                todo.addAll(parents.getOrDefault(g, Set.of()));
            }
        }
        seen.remove(dn);
        return seen;
    }

    Map<DN, Set<DN>> parents() {
        return parents;
    }

    /** Entries in tree order from {@code position} on. */
    Iterable<Entry> from(int position) {
        if (base == null) {
            return Collections.unmodifiableList(inOrder.subList(Math.min(position, inOrder.size()), inOrder.size()));
        }
        return () -> new LayerOrder(position);
    }

    int position(Entry e) {
        Integer own = positions.get(e);
        if (own != null) {
            return own;
        }
        return base == null ? Integer.MAX_VALUE : base.position(e);
    }

    public int size() {
        return base == null ? entries.size() : size;
    }

    /** The base's order with replacements in place and removals skipped, then the additions. */
    private final class LayerOrder implements Iterator<Entry> {

        private final Iterator<Entry> below;
        private final Iterator<Entry> more;
        private Entry next;

        LayerOrder(int position) {
            this.below = base.from(position).iterator();
            int firstAdded = Math.max(0, position - base.inOrder.size());
            this.more = added.subList(Math.min(firstAdded, added.size()), added.size()).iterator();
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && below.hasNext()) {
                Entry e = below.next();
                next = superseded.containsKey(e) ? superseded.get(e) : e;
            }
            if (next == null && more.hasNext()) {
                next = more.next();
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Entry e = next;
            advance();
            return e;
        }
    }
}
