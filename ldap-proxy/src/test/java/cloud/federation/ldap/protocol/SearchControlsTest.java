package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controls and special entries AD-minded clients rely on: server-side sort, simple paged results, range
 * retrieval, the time limit, the subschema entry and the root DSE, driven by the UnboundID client. Plain LDAP with
 * no StartTLS factory, which the handler treats as secure, keeps the tests free of TLS set-up.
 */
class SearchControlsTest {

    static final String CONTOSO_SUITE = "cn=suite-a,ou=suites,o=contoso,dc=federation,dc=cloud";
    static final String BIG_SUITE = "cn=suite-big,ou=suites,o=bigcorp,dc=federation,dc=cloud";
    static final String SNAPSHOT_SUITE = "cn=suite-s,ou=suites,o=snapshot,dc=federation,dc=cloud";
    static final String PASSWORD = "ldap-password";
    static final String CONTOSO = "o=contoso,dc=federation,dc=cloud";
    static final String CONTOSO_USERS = "ou=users,o=contoso,dc=federation,dc=cloud";
    static final String BIG_USERS = "ou=users,o=bigcorp,dc=federation,dc=cloud";
    static final String SNAPSHOT_USERS = "ou=users,o=snapshot,dc=federation,dc=cloud";
    static final int BIG = 4_000;

    /** Surnames in an order unrelated to the users' ids, one starting lower-case, all with distinct initials. */
    static final List<String> SURNAMES = List.of("Quinn", "Adams", "Young", "de Vries", "Lopez", "Baker", "Xu",
            "Evans", "Tanaka", "Carter", "Wang", "Fischer", "Ueda", "Garcia", "Smith", "Hughes", "Rossi", "Ito",
            "Patel", "Jones", "O'Brien", "Khan", "Nguyen", "Miller", "Vargas");

    static SuiteCredentials credentials;
    static RealmTrees trees;
    static TestListener server;

    @BeforeAll
    static void start() throws Exception {
        credentials = new SuiteCredentials();
        credentials.put("contoso", "suite-a", GeneratedSecretDigest.digest(PASSWORD));
        credentials.put("bigcorp", "suite-big", GeneratedSecretDigest.digest(PASSWORD));
        credentials.put("snapshot", "suite-s", GeneratedSecretDigest.digest(PASSWORD));
        trees = new RealmTrees();

        List<SyncedUser> contoso = new ArrayList<>();
        for (int i = 0; i < SURNAMES.size(); i++) {
            contoso.add(new SyncedUser("s", "u-" + i, department(i) == null
                    ? Map.of("surname", List.of(SURNAMES.get(i)), "mail", List.of("u" + i + "@contoso.example"))
                    : Map.of("surname", List.of(SURNAMES.get(i)), "mail", List.of("u" + i + "@contoso.example"),
                    "department", List.of(department(i)))));
        }
        Map<String, String> team = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            team.put("u-" + i, "user");
        }
        trees.publish(RealmTree.build("contoso", contoso, List.of(new SyncedGroup("s", "g-team", "Team", team)),
                List.of("suite-a"), false, Instant.now()));

        List<SyncedUser> big = TestListener.users("b", BIG);
        Map<String, String> everyone = new LinkedHashMap<>();
        big.forEach(u -> everyone.put(u.id(), "user"));
        trees.publish(RealmTree.build("bigcorp", big, List.of(new SyncedGroup("s", "g-all", "Everyone", everyone)),
                List.of("suite-big"), false, Instant.now()));

        trees.publish(snapshotTree(25));

        server = TestListener.start(TestListener.context(credentials, trees, FacadeLimits.defaults(),
                TestListener.lenientThrottle(), null));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sales, Support, or (every third user) no department at all. */
    static String department(int i) {
        return switch (i % 3) {
            case 0 -> "Sales";
            case 1 -> "Support";
            default -> null;
        };
    }

    static RealmTree snapshotTree(int users) {
        return RealmTree.build("snapshot", TestListener.users("s", users), List.of(), List.of("suite-s"), false,
                Instant.now());
    }

    static LDAPConnection bound(TestListener on, String suite) throws LDAPException {
        LDAPConnection c = on.connect();
        c.bind(suite, PASSWORD);
        return c;
    }

    static List<String> uids(List<SearchResultEntry> entries) {
        return entries.stream().map(e -> e.getAttributeValue("uid") == null ? e.getDN() : e.getAttributeValue("uid"))
                .toList();
    }

    static List<String> usersSortedBy(Comparator<Integer> order) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < SURNAMES.size(); i++) {
            ids.add(i);
        }
        ids.sort(order);
        return ids.stream().map(i -> "u-" + i).toList();
    }

    static final Comparator<Integer> BY_SURNAME = Comparator.comparing(SURNAMES::get, String.CASE_INSENSITIVE_ORDER);

    static SearchRequest contosoUsers(Control... controls) throws LDAPException {
        SearchRequest r = new SearchRequest(CONTOSO_USERS, SearchScope.ONE, "(objectClass=person)", "uid", "sn",
                "department");
        r.setControls(controls);
        return r;
    }

    static ServerSideSortResponseControl sortResponse(SearchResult r) throws LDAPException {
        ServerSideSortResponseControl c = ServerSideSortResponseControl.get(r);
        assertNotNull(c, "the sort response control is returned");
        return c;
    }

    // ---- server-side sort (RFC 2891) ----

    @Test
    void sortsAscendingAndDescendingCaseInsensitively() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchResult up = c.search(contosoUsers(new ServerSideSortRequestControl(new SortKey("sn"))));
            assertEquals(usersSortedBy(BY_SURNAME), uids(up.getSearchEntries()));
            assertEquals(ResultCode.SUCCESS, sortResponse(up).getResultCode());

            SearchResult down = c.search(contosoUsers(new ServerSideSortRequestControl(true, new SortKey("sn", true))));
            assertEquals(usersSortedBy(BY_SURNAME.reversed()), uids(down.getSearchEntries()));
            assertEquals(ResultCode.SUCCESS, sortResponse(down).getResultCode());
        }
    }

    @Test
    void entriesWithoutTheSortAttributeComeLastInBothDirections() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            for (boolean reverse : new boolean[]{false, true}) {
                SearchRequest r = new SearchRequest(CONTOSO, SearchScope.SUB, "(objectClass=*)", "uid", "sn");
                r.setControls(new ServerSideSortRequestControl(new SortKey("sn", reverse)));
                List<SearchResultEntry> entries = c.search(r).getSearchEntries();
                int users = SURNAMES.size();
                assertTrue(entries.size() > users, "the realm has entries without sn (ous, the group, the suite)");
                assertTrue(entries.subList(0, users).stream().allMatch(e -> e.hasAttribute("sn")), "reverse=" + reverse);
                assertTrue(entries.subList(users, entries.size()).stream().noneMatch(e -> e.hasAttribute("sn")),
                        "reverse=" + reverse);
            }
        }
    }

    @Test
    void sortsByMultipleKeys() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchResult r = c.search(contosoUsers(new ServerSideSortRequestControl(
                    new SortKey("department"), new SortKey("sn", true))));
            Comparator<Integer> byDepartment = Comparator.comparing(SearchControlsTest::department,
                    Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
            assertEquals(usersSortedBy(byDepartment.thenComparing(BY_SURNAME.reversed())), uids(r.getSearchEntries()));
            assertEquals(ResultCode.SUCCESS, sortResponse(r).getResultCode());
        }
    }

    @Test
    void anUnknownOrderingRuleFailsACriticalSortAndIsReportedForANonCriticalOne() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SortKey unknownRule = new SortKey("sn", "1.2.3.4.5.6.7.8.9", false);
            LDAPSearchException critical = assertThrows(LDAPSearchException.class,
                    () -> c.search(contosoUsers(new ServerSideSortRequestControl(true, unknownRule))));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, critical.getResultCode());

            SearchResult r = c.search(contosoUsers(new ServerSideSortRequestControl(false, unknownRule)));
            assertEquals(ResultCode.SUCCESS, r.getResultCode());
            assertEquals(SURNAMES.size(), r.getEntryCount(), "the entries come anyway, unsorted");
            assertNotEquals(ResultCode.SUCCESS, sortResponse(r).getResultCode());
        }
    }

    @Test
    void sortAndPagingTogetherPageThroughTheSortedOrder() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            List<SearchResultEntry> all = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchResult page = c.search(contosoUsers(new ServerSideSortRequestControl(new SortKey("sn", true)),
                        new SimplePagedResultsControl(7, cookie)));
                assertEquals(ResultCode.SUCCESS, sortResponse(page).getResultCode());
                all.addAll(page.getSearchEntries());
                sizes.add(page.getEntryCount());
                cookie = cookie(page);
            } while (cookie != null);
            assertEquals(List.of(7, 7, 7, 4), sizes);
            assertEquals(usersSortedBy(BY_SURNAME.reversed()), uids(all));
        }
    }

    // ---- simple paged results (RFC 2696) ----

    /** The next cookie, or null when the server says the search is complete. */
    static ASN1OctetString cookie(SearchResult r) throws LDAPException {
        SimplePagedResultsControl p = SimplePagedResultsControl.get(r);
        assertNotNull(p, "every page answers with a paged results control");
        return p.getCookie() == null || p.getCookie().getValueLength() == 0 ? null : p.getCookie();
    }

    static SearchResult page(LDAPConnection c, SearchRequest base, int size, ASN1OctetString cookie)
            throws LDAPSearchException {
        SearchRequest r = base.duplicate();
        r.addControl(new SimplePagedResultsControl(size, cookie));
        return c.search(r);
    }

    static SearchRequest request(String base, String filter) throws LDAPException {
        return new SearchRequest(base, SearchScope.ONE, filter, "1.1");
    }

    @Test
    void pagesComeInTheRequestedSizesUntilAnEmptyCookie() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchRequest r = request(CONTOSO_USERS, "(objectClass=person)");
            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchResult p = page(c, r, 10, cookie);
                p.getSearchEntries().forEach(e -> assertTrue(seen.add(e.getDN()), "no entry twice: " + e.getDN()));
                sizes.add(p.getEntryCount());
                cookie = cookie(p);
            } while (cookie != null);
            assertEquals(List.of(10, 10, 5), sizes);
            assertEquals(SURNAMES.size(), seen.size());
        }
    }

    @Test
    void pageSizeZeroEndsTheSearchAndTheCookieDiesWithIt() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchRequest r = request(CONTOSO_USERS, "(objectClass=person)");
            ASN1OctetString cookie = cookie(page(c, r, 10, null));
            assertNotNull(cookie);
            SearchResult end = page(c, r, 0, cookie);
            assertEquals(0, end.getEntryCount());
            assertNull(cookie(end), "the abandoned search's answer carries an empty cookie");
            assertEquals(ResultCode.UNWILLING_TO_PERFORM,
                    assertThrows(LDAPSearchException.class, () -> page(c, r, 10, cookie)).getResultCode());
        }
    }

    @Test
    void aCookieOnlyContinuesTheSameSearchOnTheSameUnreboundConnection() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE); LDAPConnection other = bound(server, CONTOSO_SUITE)) {
            SearchRequest r = request(CONTOSO_USERS, "(objectClass=person)");
            ASN1OctetString cookie = cookie(page(c, r, 10, null));
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPSearchException.class,
                    () -> page(c, request(CONTOSO_USERS, "(objectClass=inetOrgPerson)"), 10, cookie)).getResultCode(),
                    "another filter");
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPSearchException.class,
                    () -> page(other, r, 10, cookie)).getResultCode(), "another connection");
            assertEquals(10, page(c, r, 10, cookie).getEntryCount(), "the search itself goes on");

            ASN1OctetString fresh = cookie(page(c, r, 10, null));
            c.bind(CONTOSO_SUITE, PASSWORD);
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPSearchException.class,
                    () -> page(c, r, 10, fresh)).getResultCode(), "a bind ends the connection's paged searches");
        }
    }

    @Test
    void aClientSizeLimitCountsAcrossPages() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchRequest r = request(CONTOSO_USERS, "(objectClass=person)");
            r.setSizeLimit(15);
            SearchResult first = page(c, r, 10, null);
            assertEquals(10, first.getEntryCount());
            LDAPSearchException second = assertThrows(LDAPSearchException.class, () -> page(c, r, 10, cookie(first)));
            assertEquals(ResultCode.SIZE_LIMIT_EXCEEDED, second.getResultCode());
            assertEquals(5, second.getEntryCount(), "15 in all");
        }
    }

    @Test
    void pagesLargerThanTheServerLimitAreClampedToIt() throws Exception {
        try (LDAPConnection c = bound(server, BIG_SUITE)) {
            SearchRequest r = request(BIG_USERS, "(objectClass=person)");
            List<Integer> sizes = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchResult p = page(c, r, 5_000, cookie);
                sizes.add(p.getEntryCount());
                cookie = cookie(p);
            } while (cookie != null);
            assertEquals(List.of(1000, 1000, 1000, 1000), sizes);
        }
    }

    /** Starts a paged search asynchronously, so the client hands out the request id that abandon needs. */
    static AsyncRequestID firstPageAsync(LDAPConnection c, CompletableFuture<SearchResult> done) throws LDAPException {
        AsyncSearchResultListener listener = new AsyncSearchResultListener() {
            @Override
            public void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
                done.complete(result);
            }

            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
            }
        };
        SearchRequest r = new SearchRequest(listener, CONTOSO_USERS, SearchScope.ONE, "(objectClass=person)", "1.1");
        r.addControl(new SimplePagedResultsControl(10));
        return c.asyncSearch(r);
    }

    @Test
    void abandoningAPagedSearchsLastRequestEndsThatSearchOnly() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            CompletableFuture<SearchResult> abandonedDone = new CompletableFuture<>();
            AsyncRequestID abandoned = firstPageAsync(c, abandonedDone);
            ASN1OctetString abandonedCookie = cookie(abandonedDone.get(10, TimeUnit.SECONDS));
            CompletableFuture<SearchResult> keptDone = new CompletableFuture<>();
            firstPageAsync(c, keptDone);
            ASN1OctetString keptCookie = cookie(keptDone.get(10, TimeUnit.SECONDS));

            c.abandon(abandoned);
            // Requests on a connection are handled in order, so the abandon is processed before these searches.
            SearchRequest same = request(CONTOSO_USERS, "(objectClass=person)");
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPSearchException.class,
                    () -> page(c, same, 10, abandonedCookie)).getResultCode());
            assertEquals(10, page(c, same, 10, keptCookie).getEntryCount(), "the other paged search goes on");
        }
    }

    @Test
    void aPagedSearchStaysOnItsTreeWhenANewOneIsPublished() throws Exception {
        try (LDAPConnection c = bound(server, SNAPSHOT_SUITE)) {
            SearchRequest r = request(SNAPSHOT_USERS, "(objectClass=person)");
            SearchResult first = page(c, r, 10, null);
            int total = first.getEntryCount();
            trees.publish(snapshotTree(40));
            try {
                ASN1OctetString cookie = cookie(first);
                while (cookie != null) {
                    SearchResult p = page(c, r, 10, cookie);
                    total += p.getEntryCount();
                    cookie = cookie(p);
                }
                assertEquals(25, total, "the paged search finishes on the tree it started on");
                assertEquals(40, c.search(r).getEntryCount(), "a new search sees the new tree");
            } finally {
                trees.publish(snapshotTree(25));
            }
        }
    }

    // ---- range retrieval ----

    @Test
    void largeValueSetsComeInRangesLikeActiveDirectory() throws Exception {
        try (LDAPConnection c = bound(server, BIG_SUITE)) {
            String group = "cn=Everyone,ou=groups,o=bigcorp,dc=federation,dc=cloud";
            Set<String> members = new HashSet<>();

            SearchResultEntry first = c.getEntry(group, "member");
            assertEquals(List.of("member;range=0-1499"), names(first));
            members.addAll(List.of(first.getAttributeValues("member;range=0-1499")));

            SearchResultEntry second = c.getEntry(group, "member;range=1500-*");
            assertEquals(List.of("member;range=1500-2999"), names(second));
            members.addAll(List.of(second.getAttributeValues("member;range=1500-2999")));

            SearchResultEntry last = c.getEntry(group, "member;range=3000-*");
            assertEquals(List.of("member;range=3000-*"), names(last));
            assertEquals(1000, last.getAttribute("member;range=3000-*").size());
            members.addAll(List.of(last.getAttributeValues("member;range=3000-*")));

            assertEquals(BIG, members.size(), "the ranges together are every member once");
        }
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchResultEntry team = c.getEntry("cn=Team,ou=groups," + CONTOSO, "member;range=0-*");
            assertEquals(List.of("member;range=0-*"), names(team));
            assertEquals(5, team.getAttribute("member;range=0-*").size());
        }
    }

    static List<String> names(SearchResultEntry e) {
        assertNotNull(e);
        return e.getAttributes().stream().map(Attribute::getName).toList();
    }

    // ---- time limit ----

    @Test
    void aSearchOverTheServerTimeLimitEndsWithTimeLimitExceeded() throws Exception {
        FacadeLimits instant = new FacadeLimits(1000, Duration.ofNanos(1), 8, 1500, 32, 1000);
        try (TestListener hurried = TestListener.start(TestListener.context(credentials, trees, instant,
                TestListener.lenientThrottle(), null)); LDAPConnection c = bound(hurried, BIG_SUITE)) {
            // An unindexed substring filter scans all 4,000 users; the clock is read every few hundred candidates.
            SearchRequest r = new SearchRequest("o=bigcorp,dc=federation,dc=cloud", SearchScope.SUB, "(description=*x*)");
            assertEquals(ResultCode.TIME_LIMIT_EXCEEDED,
                    assertThrows(LDAPSearchException.class, () -> c.search(r)).getResultCode());
            assertEquals(ResultCode.TIME_LIMIT_EXCEEDED,
                    assertThrows(LDAPSearchException.class, () -> page(c, r, 100, null)).getResultCode(), "paged");
            SearchRequest sorted = r.duplicate();
            sorted.addControl(new ServerSideSortRequestControl(new SortKey("sn")));
            assertEquals(ResultCode.TIME_LIMIT_EXCEEDED,
                    assertThrows(LDAPSearchException.class, () -> c.search(sorted)).getResultCode(), "sorted");
        }
    }

    // ---- subschema, root DSE, controls, writes ----

    @Test
    void theSubschemaEntryIsReadableAfterABindOnly() throws Exception {
        try (LDAPConnection c = server.connect()) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, assertThrows(LDAPSearchException.class,
                    () -> c.search("cn=schema", SearchScope.BASE, "(objectClass=subschema)", "attributeTypes"))
                    .getResultCode());

            c.bind(CONTOSO_SUITE, PASSWORD);
            Schema schema = c.getSchema();
            assertNotNull(schema, "found through the root DSE's subschemaSubentry");
            assertNotNull(schema.getAttributeType("userPrincipalName"));
            AttributeTypeDefinition guid = schema.getAttributeType("objectGUID");
            assertNotNull(guid);
            assertEquals("1.3.6.1.4.1.1466.115.121.1.40", guid.getSyntaxOID(), "objectGUID is an octet string");
            assertNotNull(schema.getObjectClass("user"));

            SearchResultEntry entry = c.getEntry("cn=schema", "modifyTimestamp", "objectClasses");
            assertNotNull(entry.getAttributeValue("modifyTimestamp"));
            assertTrue(entry.getAttribute("objectClasses").size() > 0);
        }
    }

    @Test
    void theRootDseListsExactlyTheControlsWeImplement() throws Exception {
        try (LDAPConnection c = server.connect()) {
            RootDSE root = c.getRootDSE();
            assertEquals(Set.of(SimplePagedResultsControl.PAGED_RESULTS_OID,
                            ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID),
                    Set.of(root.getSupportedControlOIDs()));
            assertEquals(2, root.getSupportedControlOIDs().length);
            assertEquals(Set.of("1.2.840.113556.1.4.319", "1.2.840.113556.1.4.473"), Set.of(root.getSupportedControlOIDs()));
            assertEquals("cn=schema", root.getAttributeValue("subschemaSubentry"));
        }
    }

    @Test
    void aCriticalUnknownControlFailsTheSearch() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            SearchRequest r = new SearchRequest(CONTOSO_USERS, SearchScope.ONE, "(uid=u-1)");
            r.addControl(new Control("1.2.3.4.5.6.7.8", true));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
                    assertThrows(LDAPSearchException.class, () -> c.search(r)).getResultCode());
            SearchRequest root = new SearchRequest("", SearchScope.BASE, "(objectClass=*)");
            root.addControl(new Control("1.2.3.4.5.6.7.8", true));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
                    assertThrows(LDAPSearchException.class, () -> c.search(root)).getResultCode(), "on the root DSE too");
        }
    }

    @Test
    void everyWriteIsUnwillingToPerform() throws Exception {
        try (LDAPConnection c = bound(server, CONTOSO_SUITE)) {
            String user = "uid=u-1," + CONTOSO_USERS;
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.add("uid=new," + CONTOSO_USERS, new Attribute("objectClass", "person"))).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.modify(user, new Modification(ModificationType.REPLACE, "mail", "x@y"))).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.delete(user)).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.modifyDN(user, "uid=renamed", true)).getResultCode());
            assertFalse(c.search(CONTOSO_USERS, SearchScope.ONE, "(uid=u-1)").getSearchEntries().isEmpty(),
                    "nothing changed");
        }
    }
}
