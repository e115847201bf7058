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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a complete tree's entries were built from: per user the synced record, name, manager and direct groups; the
 * groups with their members; the suites. The next tree takes over unchanged entries from it, and a
 * {@link TreePatch} uses it to tell which entries a commit touches. Also the one place that turns synced records
 * into entries, so a complete build and a patch name and fill entries the same way.
 */
final class TreeInputs {

    static final TreeInputs NONE = new TreeInputs(0);

    /** A user entry with what it was built from. */
    record BuiltUser(SyncedUser user, DN dn, DN manager, Set<DN> memberOf, Entry entry, String[] indexKeys) {

        boolean sameInputs(SyncedUser u, DN name, DN managerDn, Set<DN> direct) {
            return user == u && dn.equals(name) && Objects.equals(manager, managerDn) && memberOf.equals(direct);
        }
    }

    /** The groups' entries (memberOf of nested groups included) and each group's member DNs. */
    record Groups(List<Entry> entries, Map<DN, List<DN>> members) {
    }

    /** source + upstream id → built user. */
    final Map<String, BuiltUser> byKey;
    final Map<DN, BuiltUser> byDn;
    /** DNs some user names as manager, and manager ids no served user has (yet). */
    final Set<DN> managers = new HashSet<>();
    final Set<String> unresolvedManagers = new HashSet<>();
    /** Users left out because another source's user already has their name. */
    final Set<String> duplicates = new HashSet<>();
    final Map<DN, List<DN>> groupMembers = new HashMap<>();
    final Set<String> suites = new LinkedHashSet<>();

    TreeInputs(int expectedUsers) {
        this.byKey = new HashMap<>(expectedUsers * 4 / 3 + 16);
        this.byDn = new HashMap<>(expectedUsers * 4 / 3 + 16);
    }

    void put(String key, BuiltUser built) {
        byKey.put(key, built);
        byDn.put(built.dn(), built);
        if (built.manager() != null) {
            managers.add(built.manager());
        } else {
            List<String> manager = built.user().attributes().getOrDefault("manager", List.of());
            if (!manager.isEmpty()) {
                unresolvedManagers.add(key(built.user().sourceId(), manager.get(0)));
            }
        }
    }

    static String key(SyncedUser u) {
        return key(u.sourceId(), u.id());
    }

    static String key(String sourceId, String id) {
        return sourceId + '\n' + id;
    }

    static DN userDn(String realm, SyncedUser u, boolean rdnByMail) {
        List<String> mail = u.attributes().getOrDefault("mail", List.of());
        return rdnByMail && !mail.isEmpty() ? DirectoryNames.user(realm, "mail", mail.get(0))
                : DirectoryNames.user(realm, "uid", u.id());
    }

    /** The user's manager as a DN, when the manager is a served user of the same source. */
    static DN manager(SyncedUser u, Function<String, DN> dnOfKey) {
        List<String> manager = u.attributes().getOrDefault("manager", List.of());
        return manager.isEmpty() ? null : dnOfKey.apply(key(u.sourceId(), manager.get(0)));
    }

    static Entry userEntry(String realm, DN dn, SyncedUser u, DN manager, Set<DN> direct, Instant committed) {
        Entry e = UserEntries.entry(realm, dn, u, committed);
        if (manager != null) {
            e.addAttribute("manager", manager.toString());
        }
        addMemberOf(e, direct);
        return e;
    }

    /**
     * The group entries, members resolved with {@code dnOfKey} (members that are not served are left out); fills
     * {@code parents} (member DN → groups containing it directly).
     */
    static Groups groupEntries(String realm, Collection<SyncedGroup> groups, Function<String, DN> dnOfKey,
                               Map<DN, Set<DN>> parents) {
        Map<String, DN> groupDns = groupDns(realm, groups);
        List<Entry> entries = new ArrayList<>(groups.size());
        Map<DN, List<DN>> members = new HashMap<>();
        for (SyncedGroup g : groups) {
            DN dn = groupDns.get(key(g.sourceId(), g.id()));
            List<DN> memberDns = memberDns(g, groupDns, dnOfKey);
            for (DN member : memberDns) {
                parents.computeIfAbsent(member, k -> new LinkedHashSet<>()).add(dn);
            }
            entries.add(groupEntry(dn, memberDns, Set.of()));
            members.put(dn, memberDns);
        }
        // memberOf of nested groups needs every group's members first.
        entries.replaceAll(e -> {
            Set<DN> direct = parents.getOrDefault(DirectoryNames.of(e), Set.of());
            return direct.isEmpty() ? e : groupEntry(DirectoryNames.of(e), members.get(DirectoryNames.of(e)), direct);
        });
        return new Groups(entries, members);
    }

    /** Each group's DN: its display name, or with its id appended when another group has the name already. */
    static Map<String, DN> groupDns(String realm, Collection<SyncedGroup> groups) {
        Map<String, DN> groupDns = new HashMap<>();
        Set<DN> taken = new HashSet<>();
        for (SyncedGroup g : groups) {
            String name = g.displayName() == null || g.displayName().isBlank() ? g.id() : g.displayName();
            DN dn = DirectoryNames.group(realm, name);
            if (!taken.add(dn)) {
                dn = DirectoryNames.group(realm, name + " (" + g.id() + ")");
                taken.add(dn);
            }
            groupDns.put(key(g.sourceId(), g.id()), dn);
        }
        return groupDns;
    }

    static List<DN> memberDns(SyncedGroup g, Map<String, DN> groupDns, Function<String, DN> dnOfKey) {
        List<DN> memberDns = new ArrayList<>(g.members().size());
        g.members().forEach((memberId, kind) -> {
            String memberKey = key(g.sourceId(), memberId);
            DN member = "group".equals(kind) ? groupDns.get(memberKey) : dnOfKey.apply(memberKey);
            if (member != null) {
                memberDns.add(member);
            }
        });
        return memberDns;
    }

    static Entry groupEntry(DN dn, List<DN> members, Set<DN> memberOf) {
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", "top", "groupOfNames");
        e.addAttribute("cn", dn.getRDN().getAttributeValues()[0]);
        if (!members.isEmpty()) {
            e.addAttribute("member", members.stream().map(DN::toString).toList());
        }
        addMemberOf(e, memberOf);
        return e;
    }

    /** The naming context, the three units and one entry per suite with LDAP credentials. */
    static List<Entry> fixedEntries(String realm, Collection<String> suiteClientIds) {
        List<Entry> out = new ArrayList<>();
        Entry o = new Entry(DirectoryNames.realm(realm));
        o.addAttribute("objectClass", "top", "organization");
        o.addAttribute("o", realm);
        out.add(o);
        for (DN unit : List.of(DirectoryNames.users(realm), DirectoryNames.groups(realm), DirectoryNames.suites(realm))) {
            Entry e = new Entry(unit);
            e.addAttribute("objectClass", "top", "organizationalUnit");
            e.addAttribute("ou", unit.getRDN().getAttributeValues()[0]);
            out.add(e);
        }
        for (String clientId : suiteClientIds) {
            Entry suite = new Entry(DirectoryNames.suite(realm, clientId));
            suite.addAttribute("objectClass", "top", "applicationProcess");
            suite.addAttribute("cn", clientId);
            out.add(suite);
        }
        return out;
    }

    private static void addMemberOf(Entry e, Set<DN> direct) {
        if (!direct.isEmpty()) {
            e.addAttribute("memberOf", direct.stream().map(DN::toString).toList());
        }
    }
}
