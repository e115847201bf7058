package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer over a complete tree must be indistinguishable from the complete tree built from the same state: same
 * entries, same search answers (index and scan paths, every scope), paging that returns each entry once. Driven by
 * seeded random commits (users added, changed, removed; memberships, group names, managers, suites), each compared.
 */
class TreePatchTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-26T10:00:00Z");
    private static final String REALM = "contoso";
    private static final String[] DEPARTMENTS = {"Sales", "Support", "Engineering", "Legal"};
    private static final List<String> FILTERS = List.of("(objectClass=*)", "(objectClass=inetOrgPerson)",
            "(department=Sales)", "(sn=Sur1*)", "(|(department=Legal)(sn=Sur2*))", "(&(objectClass=user)(mail=*))",
            "(!(department=Support))", "(memberOf=cn=Group 1,ou=groups,o=contoso,dc=federation,dc=cloud)",
            "(memberOf:1.2.840.113556.1.4.1941:=cn=Group 0,ou=groups,o=contoso,dc=federation,dc=cloud)",
            "(member=*)", "(manager=*)", "(cn=suite-*)", "(uid=u-3*)", "(title=*)");

    private final Map<String, SyncedUser> users = new TreeMap<>();
    private final Map<String, SyncedGroup> groups = new LinkedHashMap<>();
    private final Set<String> suites = new TreeSet<>(Set.of("suite-a"));
    private int nextId;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void layersAnswerLikeCompleteTrees(boolean rdnByMail) throws LDAPException {
        Random random = new Random(rdnByMail ? 7 : 11);
        for (int i = 0; i < 60; i++) {
            addUser(random);
        }
        for (int g = 0; g < 6; g++) {
            groups.put("g" + g, new SyncedGroup("s", "g" + g, "Group " + g, new LinkedHashMap<>()));
        }
        for (int i = 0; i < 80; i++) {
            changeMembership(random);
        }
        RealmTree base = build(rdnByMail, null);
        RealmTree served = base;
        Set<String> changed = new HashSet<>();
        boolean groupsChanged = false;
        int layers = 0;
        for (int commit = 0; commit < 120; commit++) {
            for (int c = 1 + random.nextInt(4); c > 0; c--) {
                switch (random.nextInt(8)) {
                    case 0 -> changed.add(addUser(random));
                    case 1 -> changed.add(removeUser(random));
                    case 2, 3, 4 -> changed.add(changeUser(random));
                    case 5 -> groupsChanged |= changeMembership(random);
                    case 6 -> groupsChanged |= renameGroup(random);
                    default -> toggleSuite(random);
                }
            }
            RealmTree complete = build(rdnByMail, base);
            RealmTree layer = TreePatch.over(base, served, users, groups.values(), groupsChanged, suites, changed,
                    COMMITTED);
            if (layer == null) {
                base = complete;
                served = complete;
                changed.clear();
                groupsChanged = false;
                continue;
            }
            layers++;
            assertSame(complete, layer);
            served = layer;
        }
        assertTrue(layers > 60, "most commits were layered, not rebuilt: " + layers);
    }

    private RealmTree build(boolean rdnByMail, RealmTree previous) {
        return RealmTree.build(REALM, users.values(), groups.values(), suites, rdnByMail, COMMITTED, previous);
    }

    private static void assertSame(RealmTree complete, RealmTree layer) throws LDAPException {
        assertEquals(complete.size(), layer.size());
        Map<DN, Entry> expected = new HashMap<>();
        complete.all().forEach(e -> expected.put(DirectoryNames.of(e), e));
        Map<DN, Entry> actual = new HashMap<>();
        Set<DN> seen = new HashSet<>();
        for (Entry e : layer.all()) {
            DN dn = DirectoryNames.of(e);
            assertTrue(dn.getParent() == null || seen.contains(dn.getParent()) || dn.equals(layer.root()),
                    "parent before child: " + dn);
            seen.add(dn);
            actual.put(dn, e);
            assertEquals(e, layer.get(dn));
        }
        assertEquals(expected, actual);
        for (String filter : FILTERS) {
            for (String[] scope : new String[][]{{"o=contoso,dc=federation,dc=cloud", "sub"},
                    {"ou=users,o=contoso,dc=federation,dc=cloud", "one"},
                    {"ou=groups,o=contoso,dc=federation,dc=cloud", "one"},
                    {"ou=suites,o=contoso,dc=federation,dc=cloud", "subordinates"}}) {
                SearchScope s = switch (scope[1]) {
                    case "sub" -> SearchScope.SUB;
                    case "one" -> SearchScope.ONE;
                    default -> SearchScope.SUBORDINATE_SUBTREE;
                };
                assertEquals(dns(complete, scope[0], s, filter, 0), dns(layer, scope[0], s, filter, 0),
                        filter + " " + scope[1] + " " + scope[0]);
                assertEquals(dns(complete, scope[0], s, filter, 0), dns(layer, scope[0], s, filter, 7),
                        "paged by 7: " + filter + " " + scope[1] + " " + scope[0]);
            }
        }
    }

    /** The DNs a search answers, in pages of {@code page} resumed after the last position (0: one pass). */
    private static List<String> dns(RealmTree tree, String base, SearchScope scope, String filter, int page)
            throws LDAPException {
        List<String> out = new ArrayList<>();
        TreeSearch search = new TreeSearch(tree);
        int after = -1;
        while (true) {
            TreeSearch.Result r = search.search(new DN(base), scope, Filter.create(filter), page, after, Long.MAX_VALUE);
            r.entries().forEach(e -> out.add(DirectoryNames.of(e).toNormalizedString()));
            if (!r.more()) {
                break;
            }
            after = r.lastPosition();
        }
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(null);
        assertEquals(new TreeSet<>(out).size(), out.size(), "each entry once: " + filter);
        return sorted;
    }

    private String addUser(Random random) {
        String id = "u-" + nextId++;
        return put(id, random);
    }

    private String changeUser(Random random) {
        List<String> ids = users.values().stream().map(SyncedUser::id).toList();
        return ids.isEmpty() ? addUser(random) : put(ids.get(random.nextInt(ids.size())), random);
    }

    private String put(String id, Random random) {
        Map<String, List<String>> a = new HashMap<>();
        a.put("displayName", List.of("User " + id));
        a.put("surname", List.of("Sur" + random.nextInt(30)));
        a.put("department", List.of(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]));
        if (random.nextInt(4) > 0) {
            a.put("mail", List.of(id + (random.nextInt(5) == 0 ? ".new" : "") + "@contoso.com"));
        }
        if (random.nextInt(3) == 0) {
            a.put("jobTitle", List.of("Title " + random.nextInt(3)));
        }
        if (random.nextInt(4) == 0) {
            a.put("manager", List.of("u-" + random.nextInt(nextId + 5)));
        }
        users.put("s\n" + id, new SyncedUser("s", id, a));
        return "s\n" + id;
    }

    private String removeUser(Random random) {
        List<String> keys = new ArrayList<>(users.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        users.remove(key);
        return key;
    }

    private boolean changeMembership(Random random) {
        List<SyncedGroup> all = new ArrayList<>(groups.values());
        SyncedGroup g = all.get(random.nextInt(all.size()));
        Map<String, String> members = new LinkedHashMap<>(g.members());
        if (random.nextInt(5) == 0) {
            String other = all.get(random.nextInt(all.size())).id();
            if (!other.equals(g.id())) {
                members.merge(other, "group", (a, b) -> null);
            }
        } else {
            members.merge("u-" + random.nextInt(nextId + 3), "user", (a, b) -> null);
        }
        groups.put(g.id(), new SyncedGroup("s", g.id(), g.displayName(), members));
        return true;
    }

    private boolean renameGroup(Random random) {
        List<SyncedGroup> all = new ArrayList<>(groups.values());
        SyncedGroup g = all.get(random.nextInt(all.size()));
        String name = g.displayName().endsWith("'") ? g.displayName().replace("'", "") : g.displayName() + "'";
        groups.put(g.id(), new SyncedGroup("s", g.id(), name, g.members()));
        return true;
    }

    private void toggleSuite(Random random) {
        String suite = "suite-" + (char) ('a' + random.nextInt(3));
        if (!suites.remove(suite)) {
            suites.add(suite);
        }
    }

    @org.junit.jupiter.api.Test
    void aRemovedUserIsGoneFromTheLayerAndItsGroups() throws LDAPException {
        for (int i = 0; i < 3; i++) {
            put("u-" + i, new Random(i));
        }
        groups.put("g0", new SyncedGroup("s", "g0", "Group 0", new LinkedHashMap<>(Map.of("u-0", "user", "u-1", "user"))));
        RealmTree base = build(false, null);
        DN gone = new DN("uid=u-0,ou=users,o=contoso,dc=federation,dc=cloud");
        assertNotNull(base.get(gone));
        users.remove("s\nu-0");
        RealmTree layer = TreePatch.over(base, base, users, groups.values(), false, suites, Set.of("s\nu-0"),
                COMMITTED);
        assertNotNull(layer);
        assertNull(layer.get(gone));
        assertNotNull(base.get(gone), "the base (a snapshot still being paged) is untouched");
        assertEquals(List.of("uid=u-1,ou=users,o=contoso,dc=federation,dc=cloud"), List.of(layer.get(
                new DN("cn=Group 0,ou=groups,o=contoso,dc=federation,dc=cloud")).getAttributeValues("member")));
        assertSame(build(false, base), layer);
    }
}
