package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One realm's directory as suites see it, immutable: the naming context, {@code ou=users}, {@code ou=groups} and
 * {@code ou=suites}, built from one committed sync state. A new commit builds a new tree; searches that started on
 * the old one finish on it.
 */
public final class RealmTree {

    private final String realm;
    private final DN root;
    private final Map<DN, Entry> entries = new LinkedHashMap<>();
    private final Map<DN, List<DN>> children = new HashMap<>();
    /** entry DN → groups that contain it directly. */
    private final Map<DN, Set<DN>> parents = new HashMap<>();
    private final EqualityIndex index;
    private final Map<Entry, Integer> positions = new java.util.IdentityHashMap<>();
    private final List<Entry> inOrder = new ArrayList<>();

    private RealmTree(String realm, int expectedEntries) {
        this.realm = realm;
        this.root = DirectoryNames.realm(realm);
        this.index = new EqualityIndex(DirectorySchema.get(), expectedEntries);
    }

    /**
     * @param rdnByMail name users {@code mail=…} instead of {@code uid=…} (realm option); users without mail keep uid
     */
    public static RealmTree build(String realm, Collection<SyncedUser> users, Collection<SyncedGroup> groups,
                                  Collection<String> suiteClientIds, boolean rdnByMail, Instant committed) {
        RealmTree tree = new RealmTree(realm, users.size() + groups.size() + suiteClientIds.size() + 4);
        tree.add(organization(tree.root, realm));
        tree.add(unit(DirectoryNames.users(realm)));
        tree.add(unit(DirectoryNames.groups(realm)));
        tree.add(unit(DirectoryNames.suites(realm)));
        for (String clientId : suiteClientIds) {
            Entry suite = new Entry(DirectoryNames.suite(realm, clientId));
            suite.addAttribute("objectClass", "top", "applicationProcess");
            suite.addAttribute("cn", clientId);
            tree.add(suite);
        }

        Map<String, DN> userDns = new HashMap<>();
        Map<String, Entry> userEntries = new LinkedHashMap<>();
        Set<DN> usedUserDns = new java.util.HashSet<>();
        for (SyncedUser u : users) {
            List<String> mail = u.attributes().getOrDefault("mail", List.of());
            DN dn = rdnByMail && !mail.isEmpty() ? DirectoryNames.user(realm, "mail", mail.get(0))
                    : DirectoryNames.user(realm, "uid", u.id());
            if (!usedUserDns.add(dn)) {
                continue; // the same person from two sources: the first source wins
            }
            userDns.put(key(u.sourceId(), u.id()), dn);
            userEntries.put(key(u.sourceId(), u.id()), UserEntries.entry(realm, dn, u, committed));
        }

        Map<String, DN> groupDns = new HashMap<>();
        Set<DN> taken = new java.util.HashSet<>();
        for (SyncedGroup g : groups) {
            String name = g.displayName() == null || g.displayName().isBlank() ? g.id() : g.displayName();
            DN dn = DirectoryNames.group(realm, name);
            if (!taken.add(dn)) {
                dn = DirectoryNames.group(realm, name + " (" + g.id() + ")");
                taken.add(dn);
            }
            groupDns.put(key(g.sourceId(), g.id()), dn);
        }
        Map<DN, Entry> groupEntries = new LinkedHashMap<>();
        for (SyncedGroup g : groups) {
            DN dn = groupDns.get(key(g.sourceId(), g.id()));
            Entry e = new Entry(dn);
            e.addAttribute("objectClass", "top", "groupOfNames");
            e.addAttribute("cn", dn.getRDN().getAttributeValues()[0]);
            List<String> members = new ArrayList<>();
            g.members().forEach((memberId, kind) -> {
                DN member = ("group".equals(kind) ? groupDns : userDns).get(key(g.sourceId(), memberId));
                if (member != null) {
                    members.add(member.toString());
                    tree.parents.computeIfAbsent(member, k -> new LinkedHashSet<>()).add(dn);
                }
            });
            if (!members.isEmpty()) {
                e.addAttribute("member", members);
            }
            groupEntries.put(dn, e);
        }

        for (SyncedUser u : users) {
            Entry e = userEntries.get(key(u.sourceId(), u.id()));
            if (e == null) {
                continue;
            }
            List<String> manager = u.attributes().getOrDefault("manager", List.of());
            DN managerDn = manager.isEmpty() ? null : userDns.get(key(u.sourceId(), manager.get(0)));
            if (managerDn != null) {
                e.addAttribute("manager", managerDn.toString());
            }
            tree.addMemberOf(e);
            tree.add(e);
        }
        for (Entry g : groupEntries.values()) {
            tree.addMemberOf(g);
            tree.add(g);
        }
        tree.index.freeze();
        return tree;
    }

    private void addMemberOf(Entry e) {
        Set<DN> direct = parents.getOrDefault(DirectoryNames.of(e), Set.of());
        if (!direct.isEmpty()) {
            e.addAttribute("memberOf", direct.stream().map(DN::toString).toList());
        }
    }

    private void add(Entry e) {
        DN dn = DirectoryNames.of(e);
        entries.put(dn, e);
        positions.put(e, inOrder.size());
        inOrder.add(e);
        DN parent = dn.getParent();
        if (parent != null) {
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(dn);
        }
        index.add(e);
    }

    private static Entry organization(DN dn, String realm) {
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", "top", "organization");
        e.addAttribute("o", realm);
        return e;
    }

    private static Entry unit(DN dn) {
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", "top", "organizationalUnit");
        e.addAttribute("ou", dn.getRDN().getAttributeValues()[0]);
        return e;
    }

    private static String key(String sourceId, String id) {
        return sourceId + '\n' + id;
    }

    public String realm() {
        return realm;
    }

    public DN root() {
        return root;
    }

    public Entry get(DN dn) {
        return entries.get(dn);
    }

    public Collection<Entry> all() {
        return Collections.unmodifiableCollection(entries.values());
    }

    List<DN> children(DN dn) {
        return children.getOrDefault(dn, List.of());
    }

    EqualityIndex index() {
        return index;
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

    /** Entries in tree order from {@code position} on. */
    List<Entry> from(int position) {
        return Collections.unmodifiableList(inOrder.subList(Math.min(position, inOrder.size()), inOrder.size()));
    }

    int position(Entry e) {
        return positions.getOrDefault(e, Integer.MAX_VALUE);
    }

    public int size() {
        return entries.size();
    }
}
