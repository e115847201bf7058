package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealmTreeTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-26T10:00:00Z");

    private static SyncedUser user(String id, String... kv) {
        Map<String, List<String>> a = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            a.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return new SyncedUser("src", id, a);
    }

    private static final List<SyncedUser> USERS = List.of(
            user("u-alice", "login", "alice@contoso.com", "mail", "alice@contoso.com", "displayName", "Alice Liddell",
                    "givenName", "Alice", "surname", "Liddell", "businessPhones", "+1 (425) 555-0100", "department", "Sales",
                    "country", "us", "enabled", "true", "sourceCreated", "2024-01-02T03:04:05Z"),
            user("u-bob", "login", "bob@contoso.com", "mail", "bob@contoso.com", "displayName", "Bob Builder",
                    "surname", "Builder", "extension", "4711", "department", "Engineering", "enabled", "false",
                    "manager", "u-alice", "country", "Germany"),
            user("u-carol", "login", "carol@contoso.com", "displayName", "Carol", "department", "Sales"));
    private static final List<SyncedGroup> GROUPS = List.of(
            new SyncedGroup("src", "g-all", "Everyone", Map.of("g-sales", "group", "u-bob", "user")),
            new SyncedGroup("src", "g-sales", "Sales", Map.of("g-emea", "group")),
            new SyncedGroup("src", "g-emea", "Sales EMEA", Map.of("u-alice", "user")),
            new SyncedGroup("src", "g-loop-a", "Loop A", Map.of("g-loop-b", "group", "u-carol", "user")),
            new SyncedGroup("src", "g-loop-b", "Loop B", Map.of("g-loop-a", "group")));

    private static final RealmTree TREE = RealmTree.build("contoso", USERS, GROUPS, List.of("suite-1"), false, COMMITTED);

    private static DN dn(String s) throws LDAPException {
        return new DN(s);
    }

    private static List<String> search(String base, SearchScope scope, String filter) throws LDAPException {
        return new TreeSearch(TREE).search(dn(base), scope, Filter.create(filter), 0).entries().stream()
                .map(Entry::getDN).toList();
    }

    private static List<String> users(String filter) throws LDAPException {
        return search("ou=users,o=contoso,dc=federation,dc=cloud", SearchScope.ONE, filter).stream()
                .map(d -> d.substring(4, d.indexOf(','))).toList();
    }

    @Test
    void usersCarryTheInetOrgPersonAndAdAttributes() throws Exception {
        Entry alice = TREE.get(dn("uid=u-alice,ou=users,o=contoso,dc=federation,dc=cloud"));
        assertTrue(alice.hasObjectClass("inetOrgPerson") && alice.hasObjectClass("user"));
        assertEquals("Alice Liddell", alice.getAttributeValue("cn"));
        assertEquals("alice@contoso.com", alice.getAttributeValue("userPrincipalName"));
        assertEquals("alice", alice.getAttributeValue("sAMAccountName"));
        assertEquals("+1 (425) 555-0100", alice.getAttributeValue("telephoneNumber"));
        assertEquals("512", alice.getAttributeValue("userAccountControl"));
        assertEquals("US", alice.getAttributeValue("c"));
        assertEquals("20240102030405.000Z", alice.getAttributeValue("createTimestamp"));
        assertEquals(16, alice.getAttributeValueBytes("objectGUID").length);
        assertEquals(UserEntries.uuid("contoso", USERS.get(0)).toString(), alice.getAttributeValue("entryUUID"));
        assertEquals(List.of("cn=Sales EMEA,ou=groups,o=contoso,dc=federation,dc=cloud"),
                List.of(alice.getAttributeValues("memberOf")));

        Entry bob = TREE.get(dn("uid=u-bob,ou=users,o=contoso,dc=federation,dc=cloud"));
        assertEquals("4711", bob.getAttributeValue("telephoneNumber"), "the extension stands in for a missing phone");
        assertEquals("4711", bob.getAttributeValue("ipPhone"));
        assertEquals("514", bob.getAttributeValue("userAccountControl"));
        assertEquals("uid=u-alice,ou=users,o=contoso,dc=federation,dc=cloud", bob.getAttributeValue("manager"));
        assertNull(bob.getAttributeValue("c"), "c holds ISO codes only");
        assertEquals("Builder", bob.getAttributeValue("sn"));
    }

    @Test
    void theObjectGuidUsesAdByteOrder() {
        java.util.UUID u = java.util.UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertArrayEquals(new byte[]{0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, (byte) 0x88, (byte) 0x99,
                (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff}, UserEntries.guid(u));
    }

    @Test
    void scopesAndMissingBases() throws Exception {
        assertEquals(List.of("o=contoso,dc=federation,dc=cloud"), search("o=contoso,dc=federation,dc=cloud", SearchScope.BASE, "(objectClass=*)"));
        assertEquals(List.of("ou=users,o=contoso,dc=federation,dc=cloud", "ou=groups,o=contoso,dc=federation,dc=cloud",
                "ou=suites,o=contoso,dc=federation,dc=cloud"), search("o=contoso,dc=federation,dc=cloud", SearchScope.ONE, "(objectClass=*)"));
        assertEquals(1 + 3 + 1 + 3 + 5, search("o=contoso,dc=federation,dc=cloud", SearchScope.SUB, "(objectClass=*)").size());
        LDAPException other = assertThrows(LDAPException.class,
                () -> search("o=fabrikam,dc=federation,dc=cloud", SearchScope.SUB, "(objectClass=*)"));
        assertEquals(ResultCode.NO_SUCH_OBJECT, other.getResultCode());
    }

    @Test
    void everyFilterFormWithTheSchemasMatchingRules() throws Exception {
        assertEquals(List.of("u-alice"), users("(mail=ALICE@contoso.com)"));
        assertEquals(List.of("u-alice"), users("(telephoneNumber=+1 \\28425\\29 5550100)"));
        assertEquals(List.of("u-alice", "u-carol"), users("(department=sales)"));
        assertEquals(List.of("u-alice", "u-bob", "u-carol"), users("(sn=*)"), "person requires sn: display name stands in");
        assertEquals(List.of("u-bob"), users("(ipPhone=*)"));
        assertEquals(List.of("u-bob"), users("(cn=bob*)"));
        assertEquals(List.of("u-alice"), users("(cn=*lid*)"));
        assertEquals(List.of("u-alice", "u-bob"), users("(|(givenName=alice)(ipPhone=4711))"));
        assertEquals(List.of("u-carol"), users("(&(department=Sales)(!(mail=*)))"));
        assertEquals(List.of("u-bob"), users("(userAccountControl>=513)"));
        assertEquals(List.of("u-alice", "u-carol"), users("(userAccountControl<=512)"));
        assertEquals(List.of("u-alice"), users("(displayName~=alice liddell)"));
    }

    @Test
    void activeDirectoryMatchingRules() throws Exception {
        String everyone = "cn=Everyone,ou=groups,o=contoso,dc=federation,dc=cloud";
        assertEquals(List.of("u-alice", "u-bob"), users("(memberOf:1.2.840.113556.1.4.1941:=" + everyone + ")"),
                "alice through Sales EMEA → Sales → Everyone, bob directly");
        assertEquals(List.of("u-bob"), users("(memberOf=" + everyone + ")"), "plain memberOf is direct only");
        assertEquals(List.of("cn=Everyone,ou=groups,o=contoso,dc=federation,dc=cloud",
                        "cn=Sales,ou=groups,o=contoso,dc=federation,dc=cloud",
                        "cn=Sales EMEA,ou=groups,o=contoso,dc=federation,dc=cloud"),
                search("ou=groups,o=contoso,dc=federation,dc=cloud", SearchScope.ONE,
                        "(member:1.2.840.113556.1.4.1941:=uid=u-alice,ou=users,o=contoso,dc=federation,dc=cloud)"));
        assertEquals(List.of("u-carol"), users("(memberOf:1.2.840.113556.1.4.1941:=cn=Loop B,ou=groups,o=contoso,dc=federation,dc=cloud)"),
                "a membership cycle ends");
        assertEquals(List.of("u-bob"), users("(userAccountControl:1.2.840.113556.1.4.803:=2)"), "disabled accounts");
        assertEquals(List.of("u-alice", "u-carol"), users("(!(userAccountControl:1.2.840.113556.1.4.803:=2))"));
        assertEquals(List.of("u-alice", "u-bob", "u-carol"), users("(userAccountControl:1.2.840.113556.1.4.804:=514)"));
    }

    @Test
    void indexedAndScannedSearchesAgree() throws Exception {
        String[] filters = {"(uid=u-bob)", "(mail=*)", "(cn=a*)", "(department=Sales)", "(objectClass=groupOfNames)",
                "(&(objectClass=user)(department=Sales))", "(|(uid=u-alice)(uid=u-carol))", "(sn=Builder)"};
        for (String f : filters) {
            Filter filter = Filter.create(f);
            // An OR with an unindexed branch forces a scan of the same filter.
            Filter scanned = Filter.createORFilter(filter, Filter.create("(description=never-present-value)"));
            List<String> viaIndex = new TreeSearch(TREE).search(TREE.root(), SearchScope.SUB, filter, 0).entries().stream()
                    .map(Entry::getDN).toList();
            List<String> viaScan = new TreeSearch(TREE).search(TREE.root(), SearchScope.SUB, scanned, 0).entries().stream()
                    .map(Entry::getDN).toList();
            assertEquals(viaScan, viaIndex, f);
            assertFalse(viaIndex.isEmpty(), f);
        }
    }

    @Test
    void theSizeLimitStopsAfterThatManyAndSaysSo() throws Exception {
        TreeSearch.Result r = new TreeSearch(TREE).search(TREE.root(), SearchScope.SUB, Filter.create("(objectClass=*)"), 5);
        assertEquals(5, r.entries().size());
        assertTrue(r.sizeLimitExceeded());
        assertFalse(new TreeSearch(TREE).search(TREE.root(), SearchScope.SUB, Filter.create("(uid=u-bob)"), 1).sizeLimitExceeded());
    }

    @Test
    void usersCanBeNamedByMail() throws Exception {
        RealmTree byMail = RealmTree.build("contoso", USERS, GROUPS, List.of(), true, COMMITTED);
        assertTrue(byMail.get(dn("mail=alice@contoso.com,ou=users,o=contoso,dc=federation,dc=cloud")) != null);
        assertTrue(byMail.get(dn("uid=u-carol,ou=users,o=contoso,dc=federation,dc=cloud")) != null, "no mail: uid");
        assertEquals("mail=alice@contoso.com,ou=users,o=contoso,dc=federation,dc=cloud",
                byMail.get(dn("cn=Sales EMEA,ou=groups,o=contoso,dc=federation,dc=cloud")).getAttributeValue("member"));
    }
}
