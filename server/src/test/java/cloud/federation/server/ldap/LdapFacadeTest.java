package cloud.federation.server.ldap;

import cloud.federation.ldap.service.DirectoryViews;
import cloud.federation.ldap.service.LdapListeners;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.Ldapsearch;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphSimulator;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.EXTERNALBindRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import javax.net.ssl.TrustManager;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LDAP facade end to end: Graph simulator → sync → PostgreSQL → the server's listeners, read by real clients
 * (OpenLDAP's ldapsearch over LDAPS and StartTLS, Java's JNDI, the UnboundID SDK).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapFacadeTest {

    static final Path CERT = Path.of("target/test-data/ldap-tls/ldap-cert.pem");

    @Inject
    LdapListeners listeners;
    @Inject
    DirectoryViews views;

    GraphSimulator sim;
    String realm;
    String source;
    Map<String, String> suite;
    Ldapsearch ldapsearch;

    /** Once per class, but inside a test's context: RestAssured knows the server's port only there. */
    @BeforeEach
    void syncATenant() {
        if (sim != null) {
            return;
        }
        sim = GraphSimulator.start(GraphDirectory.generate(11, 1_250, 12));
        sim.pageSize(200);
        realm = AdminApi.uniqueRealm("ldap");
        AdminApi.createRealm(realm);
        source = SyncApi.createEntraSource(realm, sim, "", "");
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        int served = SyncApi.count(realm, null);
        assertTrue(served > 1_000, "enough users to need paging: " + served);
        suite = LdapSuites.register(realm, "suite-" + System.nanoTime());
        ldapsearch = new Ldapsearch(CERT);
        awaitTrue(() -> bindsAndSees(suite, served), "the facade serves the synced users");
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    String base() {
        return "o=" + realm + ",dc=federation,dc=cloud";
    }

    String users() {
        return "ou=users," + base();
    }

    String ldaps() {
        return "ldaps://127.0.0.1:" + listeners.ldapsPort();
    }

    boolean bindsAndSees(Map<String, String> s, int expected) {
        try (LDAPConnection c = connect(s)) {
            SearchRequest request = new SearchRequest(users(), SearchScope.ONE, "(objectClass=user)", "1.1");
            return LdapSuites.pagedCount(c, request, 1000) == expected;
        } catch (LDAPException e) {
            return false;
        }
    }

    LDAPConnection connect(Map<String, String> s) throws LDAPException {
        return LdapSuites.connect(listeners.ldapsPort(), CERT, s.get("bindDn"), s.get("password"));
    }

    @Test
    void ldapsearchOverLdapsPagesThroughEveryUserAndStopsAt1000WithoutPaging() {
        int served = SyncApi.count(realm, null);
        Ldapsearch.Outcome paged = ldapsearch.run("-H", ldaps(), "-x", "-D", suite.get("bindDn"), "-w", suite.get("password"),
                "-b", users(), "-E", "pr=500/noprompt", "(objectClass=inetOrgPerson)", "uid", "mail");
        assertEquals(0, paged.exit(), paged.err());
        assertEquals(served, paged.dns().size());
        assertEquals(served, paged.values("uid").size());

        Ldapsearch.Outcome unpaged = ldapsearch.run("-H", ldaps(), "-x", "-D", suite.get("bindDn"), "-w",
                suite.get("password"), "-b", users(), "(objectClass=inetOrgPerson)", "1.1");
        assertEquals(4, unpaged.exit(), "sizeLimitExceeded: " + unpaged.err());
        assertEquals(1000, unpaged.dns().size());
    }

    @Test
    void ldapsearchOverStartTlsPagesAndThePlainPortRefusesEverythingElse() {
        int served = SyncApi.count(realm, null);
        String plain = "ldap://127.0.0.1:" + listeners.ldapPort();
        Ldapsearch.Outcome tls = ldapsearch.run("-H", plain, "-ZZ", "-x", "-D", suite.get("bindDn"), "-w",
                suite.get("password"), "-b", users(), "-E", "pr=500/noprompt", "(objectClass=user)", "1.1");
        assertEquals(0, tls.exit(), tls.err());
        assertEquals(served, tls.dns().size());

        Ldapsearch.Outcome clear = ldapsearch.run("-H", plain, "-x", "-D", suite.get("bindDn"), "-w",
                suite.get("password"), "-b", users(), "(uid=*)");
        assertEquals(13, clear.exit(), "confidentialityRequired: " + clear.err());
        assertTrue(clear.err().contains("Confidentiality required"), clear.err());

        // ldapsearch always binds first, and anonymous binds are refused; a client that reads before binding gets
        // the root DSE in the clear, and nothing else.
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", listeners.ldapPort())) {
            RootDSE dse = c.getRootDSE();
            assertTrue(dse.supportsExtendedOperation("1.3.6.1.4.1.1466.20037"), dse.toLDIFString());
            assertEquals(null, dse.getNamingContextDNs(), "no customer list before bind");
            LDAPException refused = org.junit.jupiter.api.Assertions.assertThrows(LDAPException.class,
                    () -> c.bind(suite.get("bindDn"), suite.get("password")));
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, refused.getResultCode());
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED,
                    c.search(users(), SearchScope.SUB, "(uid=*)").getResultCode());
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, resultOf(() -> c.compare(users(), "ou", "users")));
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED,
                    c.processExtendedOperation(new WhoAmIExtendedRequest()).getResultCode());
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, resultOf(() -> c.delete(users())));
        } catch (LDAPException e) {
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, e.getResultCode(), e.getMessage());
        }
    }

    @Test
    void ldapsearchFiltersIncludingTransitiveMembershipAndBitwiseRules() {
        int served = SyncApi.count(realm, null);
        int inAnyGroup = count("(memberOf=*)");
        String rootGroup = rootGroupDn();
        assertEquals(inAnyGroup, count("(memberOf:1.2.840.113556.1.4.1941:=" + rootGroup + ")"),
                "every group nests under the root group");
        boolean nestedWithDirectMembers = false;
        for (String group : groupDns()) {
            int direct = count("(memberOf=" + group + ")");
            int transitive = count("(memberOf:1.2.840.113556.1.4.1941:=" + group + ")");
            assertTrue(transitive >= direct, group + ": direct " + direct + ", transitive " + transitive);
            nestedWithDirectMembers |= direct > 0 && transitive > direct;
        }
        assertTrue(nestedWithDirectMembers, "some group has direct members and more through nesting");

        assertEquals(served, count("(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))"),
                "only enabled accounts are served (AD idiom; without objectClass the ou entry matches too)");
        assertEquals(0, count("(userAccountControl:1.2.840.113556.1.4.803:=2)"));
        assertEquals(served, count("(userAccountControl:1.2.840.113556.1.4.804:=514)"));
        int sales = count("(department=sales)");
        assertEquals(sales, SyncApi.count(realm, "(department=Sales)"), "case-insensitive like the admin preview");
        int sOrS = count("(|(department=Sales)(department=Support))");
        assertTrue(sOrS >= sales);
        assertEquals(served - sales, count("(&(objectClass=user)(!(department=Sales)))"));
        assertTrue(count("(sn>=M)") + count("(sn<=M)") >= served);
        assertTrue(count("(mail=*@*)") > 0);
        assertEquals(count("(cn=a*)"), count("(cn=A*)"));
        assertEquals(count("(cn~=" + firstCn() + ")"), count("(cn=" + firstCn() + ")"));
    }

    private String rootGroupDn() {
        // The root of the nesting is the one group that is in no group.
        List<String> all = groupDns();
        List<String> nested = ldapsearch.run(args("-b", "ou=groups," + base(), "-s", "one", "(memberOf=*)", "1.1")).dns();
        return all.stream().filter(dn -> !nested.contains(dn)).findFirst().orElseThrow();
    }

    private List<String> groupDns() {
        return ldapsearch.run(args("-b", "ou=groups," + base(), "-s", "one", "(objectClass=groupOfNames)", "1.1")).dns();
    }

    private String firstCn() {
        return ldapsearch.run(args("-b", users(), "-z", "1", "(objectClass=user)", "cn")).values("cn").get(0);
    }

    private int count(String filter) {
        Ldapsearch.Outcome o = ldapsearch.run(args("-b", users(), "-E", "pr=1000/noprompt", filter, "1.1"));
        assertEquals(0, o.exit(), filter + ": " + o.err());
        return o.dns().size();
    }

    private String[] args(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("-H", ldaps(), "-x", "-D", suite.get("bindDn"), "-w",
                suite.get("password")));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void jndiPagesWithItsOwnPagedResultsControl() throws Exception {
        int served = SyncApi.count(realm, null);
        assertEquals(served, JndiClient.pagedCount(ldaps(), CERT, suite.get("bindDn"), suite.get("password"), users(),
                "(objectClass=person)", 300));
    }

    @Test
    void theCredentialIsShownOnceAndRotatingItRetiresTheOldOne() throws Exception {
        Map<String, String> other = LdapSuites.register(realm, "rotating-" + System.nanoTime());
        awaitTrue(() -> bindCode(other) == ResultCode.SUCCESS, "the new suite can bind");
        assertTrue(other.get("bindDn").startsWith("cn=rotating-"), other.toString());
        AdminApi.admin().get("/admin/realms/" + realm + "/clients/" + other.get("id")).then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString(other.get("password"))));

        Map<String, String> rotated = LdapSuites.rotate(realm, other.get("id"));
        assertNotEquals(other.get("password"), rotated.get("password"));
        awaitTrue(() -> bindCode(other) == ResultCode.INVALID_CREDENTIALS, "the old password stops working");
        assertEquals(ResultCode.SUCCESS, bindCode(rotated));

        AdminApi.admin().contentType("application/json").body("{\"enabled\":false}")
                .put("/admin/realms/" + realm + "/clients/" + other.get("id")).then().statusCode(204);
        awaitTrue(() -> bindCode(rotated) == ResultCode.INVALID_CREDENTIALS, "a disabled suite cannot bind");

        AdminApi.admin().post("/admin/realms/" + realm + "/clients/no-such-client/ldap-credential").then()
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("no-such-client"));
    }

    @Test
    void aSuiteBindsWithItsRegisteredClientCertificate() throws Exception {
        Map<String, String> pinned = LdapSuites.register(realm, "pinned-" + System.nanoTime());
        ClientCertificates mine = ClientCertificates.generate("suite-pinned");
        String path = "/admin/realms/" + realm + "/clients/" + pinned.get("id") + "/ldap-certificate";
        AdminApi.admin().contentType("application/json").body(Map.of("certificate", "-----BEGIN CERTIFICATE-----\nnope"))
                .put(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("certificate"));
        AdminApi.admin().get(path).then().statusCode(404);
        ClientCertificates expired = ClientCertificates.generate("suite-pinned", java.time.Instant.now().minusSeconds(7200),
                java.time.Instant.now().minusSeconds(3600));
        AdminApi.admin().contentType("application/json").body(Map.of("certificate", expired.certificatePem()))
                .put(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("expired"));
        AdminApi.admin().contentType("application/json").body(Map.of("certificate", mine.certificatePem()))
                .put(path).then().statusCode(200).body("subject", containsString("suite-pinned"));

        awaitTrue(() -> externalBind(mine) == ResultCode.SUCCESS, "the pinned certificate binds");
        try (LDAPConnection c = externalConnection(mine)) {
            c.bind(new EXTERNALBindRequest());
            String authz = ((WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest()))
                    .getAuthorizationID();
            assertEquals(new com.unboundid.ldap.sdk.DN(pinned.get("bindDn")),
                    new com.unboundid.ldap.sdk.DN(authz.substring("dn:".length())));
        }
        // OpenLDAP's client over StartTLS with the same certificate.
        Path[] files = mine.write(Path.of("target/test-data/client-" + System.nanoTime()));
        Ldapsearch withCert = new Ldapsearch(CERT, files[0], files[1]);
        Ldapsearch.Outcome external = withCert.run("-H", "ldap://127.0.0.1:" + listeners.ldapPort(), "-ZZ", "-Y", "EXTERNAL",
                "-b", users(), "-z", "5", "(objectClass=user)", "1.1");
        assertTrue(external.exit() == 0 || external.exit() == 4, external.err());
        assertEquals(5, external.dns().size(), external.err());

        assertEquals(ResultCode.INVALID_CREDENTIALS, externalBind(ClientCertificates.generate("suite-pinned")),
                "the same name on another key is worth nothing");
        assertEquals(ResultCode.INVALID_CREDENTIALS, externalBind(null), "no certificate, no EXTERNAL bind");
        AdminApi.admin().delete(path).then().statusCode(204);
        awaitTrue(() -> externalBind(mine) == ResultCode.INVALID_CREDENTIALS, "a removed certificate no longer binds");
    }

    /** The result code of an operation the SDK reports by throwing. */
    static ResultCode resultOf(java.util.concurrent.Callable<?> operation) {
        try {
            operation.call();
            return ResultCode.SUCCESS;
        } catch (LDAPException e) {
            return e.getResultCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    LDAPConnection externalConnection(ClientCertificates cert) throws Exception {
        SSLUtil ssl = new SSLUtil(cert == null ? null : cert.keyManagers(), new TrustManager[]{new PEMFileTrustManager(CERT.toFile())});
        return new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1", listeners.ldapsPort());
    }

    ResultCode externalBind(ClientCertificates cert) {
        try (LDAPConnection c = externalConnection(cert)) {
            return c.bind(new EXTERNALBindRequest()).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ResultCode bindCode(Map<String, String> s) {
        try (LDAPConnection c = connect(s)) {
            return ResultCode.SUCCESS;
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void suitesOfTwoRealmsSeeOnlyTheirOwnRealm() throws Exception {
        String otherRealm = AdminApi.uniqueRealm("ldap-other");
        AdminApi.createRealm(otherRealm);
        Map<String, String> otherSuite = LdapSuites.register(otherRealm, "suite-b");
        awaitTrue(() -> bindCode(otherSuite) == ResultCode.SUCCESS, "the other realm's suite binds");
        String otherBase = "o=" + otherRealm + ",dc=federation,dc=cloud";
        try (LDAPConnection mine = connect(suite); LDAPConnection theirs = connect(otherSuite)) {
            assertEquals(ResultCode.NO_SUCH_OBJECT, searchCode(mine, otherBase));
            assertEquals(ResultCode.NO_SUCH_OBJECT, searchCode(mine, "ou=suites," + otherBase));
            assertEquals(ResultCode.NO_SUCH_OBJECT, searchCode(theirs, base()));
            assertEquals(ResultCode.NO_SUCH_OBJECT, searchCode(theirs, users()));
            assertEquals(ResultCode.NO_SUCH_OBJECT, searchCode(theirs, "dc=federation,dc=cloud"));
            assertEquals(ResultCode.SUCCESS, searchCode(theirs, otherBase));
            assertEquals(List.of(otherBase), List.of(theirs.getRootDSE().getNamingContextDNs()));
            assertEquals(List.of(base()), List.of(mine.getRootDSE().getNamingContextDNs()));
        }
        // Binding with one realm's DN and another realm's password fails.
        Map<String, String> crossed = Map.of("bindDn", otherSuite.get("bindDn"), "password", suite.get("password"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bindCode(crossed));
    }

    ResultCode searchCode(LDAPConnection c, String base) {
        try {
            return c.search(base, SearchScope.SUB, "(objectClass=*)", "1.1").getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void aPagedSearchFinishesOnItsSnapshotWhileNewSearchesSeeTheNextCommit() throws Exception {
        int served = SyncApi.count(realm, null);
        try (LDAPConnection c = connect(suite)) {
            SearchRequest request = new SearchRequest(users(), SearchScope.ONE, "(objectClass=user)", "uid");
            request.setControls(new SimplePagedResultsControl(400, null));
            SearchResult first = c.search(request);
            assertEquals(400, first.getEntryCount());
            ASN1OctetString cookie = SimplePagedResultsControl.get(first).getCookie();

            for (int i = 0; i < 5; i++) {
                sim.directory().addUser();
            }
            JsonPath run = SyncApi.sync(realm, source, false);
            assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
            int now = SyncApi.count(realm, null);
            assertTrue(now > served);
            long committed = System.nanoTime();
            awaitTrue(() -> bindsAndSees(suite, now), "new searches see the commit");
            long visibleMs = (System.nanoTime() - committed) / 1_000_000;
            assertTrue(visibleMs < 5_000, "visible after " + visibleMs + " ms");

            int total = first.getEntryCount();
            while (cookie != null && cookie.getValueLength() > 0) {
                request.setControls(new SimplePagedResultsControl(400, cookie));
                SearchResult page = c.search(request);
                total += page.getEntryCount();
                cookie = SimplePagedResultsControl.get(page).getCookie();
            }
            assertEquals(served, total, "the paged search ran to its end on the snapshot it started on");
        }
    }

    /**
     * A delta run touching a few users of 1,250 is served as a layer over the last complete tree: changed values,
     * a removed user, a new user and its group membership (member on the group, memberOf on the user) all show, and
     * the node did not rebuild the realm.
     */
    @Test
    void aDeltaSyncIsServedAsALayerOverTheLastCompleteTree() throws Exception {
        GraphDirectory directory = sim.directory();
        Set<Object> managers = new HashSet<>();
        directory.liveUserIds().forEach(id -> managers.add(directory.user(id).get("manager")));
        List<String> plain = directory.liveUserIds().stream().filter(id -> !managers.contains(id)).toList();
        String changed = plain.get(0);
        String removed = plain.get(1);
        directory.updateUser(changed, Map.of("department", "Layered Research"));
        directory.softDelete(removed);
        String added = (String) directory.addUser().get("id");
        String group = directory.groupIds().get(0);
        directory.addMember(group, added);
        String groupName = (String) directory.group(group).get("displayName");

        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        try (LDAPConnection c = connect(suite)) {
            awaitTrue(() -> count(c, "(&(uid=" + changed + ")(department=Layered Research))") == 1,
                    "the changed department is served");
            assertEquals(0, count(c, "(uid=" + removed + ")"), "the removed user is gone");
            String groupDn = "cn=" + groupName + ",ou=groups," + base();
            SearchResult newcomer = c.search(users(), SearchScope.ONE, "(uid=" + added + ")", "memberOf");
            assertEquals(1, newcomer.getEntryCount());
            assertTrue(List.of(newcomer.getSearchEntries().get(0).getAttributeValues("memberOf")).contains(groupDn),
                    "the new member's memberOf names the group");
            assertEquals(1, count(c, "(&(uid=" + added + ")(memberOf=" + groupDn + "))"), "and the index finds it");
            String addedDn = newcomer.getSearchEntries().get(0).getDN();
            assertTrue(List.of(c.getEntry(groupDn, "member").getAttributeValues("member")).contains(addedDn),
                    "the group lists the new member");
        }
        DirectoryViews.ViewState state = views.state(realm).orElseThrow();
        assertTrue(state.layered(), "served as a layer, not rebuilt: " + state);
        assertTrue(state.changedSinceComplete() >= 3, state.toString());
    }

    /**
     * A delta touching about a third of the realm is served as a layer at once, then folded into a complete tree of
     * the same version, which keeps serving the same answers.
     */
    @Test
    void aLargeDeltaIsFoldedIntoACompleteTreeAfterItIsServed() throws Exception {
        GraphDirectory directory = sim.directory();
        List<String> ids = directory.liveUserIds();
        List<String> changed = ids.subList(0, ids.size() / 3);
        int served;
        try (LDAPConnection c = connect(suite)) {
            served = (int) changed.stream().filter(id -> count(c, "(uid=" + id + ")") == 1).count();
        }
        for (String id : changed) {
            directory.updateUser(id, Map.of("jobTitle", "Folded"));
        }
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        awaitTrue(() -> views.state(realm).map(s -> !s.layered()).orElse(false), "the layer is folded");
        try (LDAPConnection c = connect(suite)) {
            SearchRequest request = new SearchRequest(users(), SearchScope.ONE, "(title=Folded)", "1.1");
            assertEquals(served, LdapSuites.pagedCount(c, request, 1000), "every changed user served with the new title");
        }
        assertEquals(0, views.state(realm).orElseThrow().changedSinceComplete());
    }

    int count(LDAPConnection c, String filter) {
        try {
            return c.search(users(), SearchScope.ONE, filter, "1.1").getEntryCount();
        } catch (LDAPException e) {
            return -1;
        }
    }

    @Test
    void anInvalidUserRdnOptionIsRefusedAndChangesNothing() {
        AdminApi.admin().contentType("application/json").body("{\"attributes\":{\"ldapUserRdn\":\"cn\"}}")
                .put("/admin/realms/" + realm).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ldapUserRdn"));
        assertFalse(AdminApi.admin().get("/admin/realms/" + realm).asString().contains("ldapUserRdn"));
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("timed out waiting until " + what);
    }
}
