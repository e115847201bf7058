package cloud.federation.server.console;

import cloud.federation.ldap.service.LdapListeners;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphSimulator;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.Base64;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTableRow;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console's directory sources and users pages in HtmlUnit, against the Graph simulator and the real LDAP
 * listener: forms, the filter preview, manual and confirmed runs, write-only secrets, the LDAP view of users, CSRF
 * and realm isolation.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DirectoryConsoleTest {

    static final Path LDAP_CERT = Path.of("target/test-data/ldap-tls/ldap-cert.pem");

    @TestHTTPResource("/")
    URL base;
    @Inject
    LdapListeners listeners;

    GraphSimulator sim;
    String realm;

    @BeforeEach
    void start() {
        sim = GraphSimulator.start(GraphDirectory.generate(23, 300, 8));
        sim.pageSize(100);
        realm = AdminApi.uniqueRealm("dirconsole");
        AdminApi.createRealm(realm);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String sources() {
        return "/admin/console/realms/" + realm + "/directory-sources";
    }

    @Test
    void anEntraSourceIsCreatedPreviewedAndSyncedFromTheConsoleAndItsSecretNeverShows() throws IOException {
        // Small enough that applying the filter stays under the mass-deletion guard's minimum.
        sim.close();
        sim = GraphSimulator.start(GraphDirectory.generate(11, 40, 3));
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage list = browser.open(sources());
            assertEquals(200, list.getWebResponse().getStatusCode());
            HtmlPage form = ConsoleBrowser.click(list, "add-entra");
            input(form, "f-name").setValue("Contoso Entra");
            input(form, "f-tenantId").setValue(sim.tenantId());
            input(form, "f-clientId").setValue(sim.clientId());
            input(form, "f-clientSecret").setValue(sim.clientSecret());
            input(form, "f-authorityHost").setValue(sim.authorityHost());
            input(form, "f-graphBaseUrl").setValue(sim.graphBaseUrl());
            form.<HtmlTextArea>getHtmlElementById("f-trustedCaPem").setText(sim.caCertificatePem());
            input(form, "f-schedule").setValue("manual");
            HtmlPage created = ConsoleBrowser.click(form, "save-source");
            assertEquals(200, created.getWebResponse().getStatusCode(), created.asNormalizedText());
            String id = created.getUrl().getPath().substring((sources() + "/").length());
            assertNoSecret(created);
            JsonPath stored = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("Contoso Entra", stored.getString("name"));
            assertEquals(sim.tenantId(), stored.getString("config.tenantId"));

            assertEquals("No filter: keeps 0 of 0 synced users", preview(browser, id, "").getValue());

            HtmlPage afterSync = ConsoleBrowser.click(created, "sync-now");
            assertEquals(200, afterSync.getWebResponse().getStatusCode(), afterSync.asNormalizedText());
            JsonPath first = SyncApi.waitFor(realm, id, latestRun(id));
            assertEquals("SUCCEEDED", first.getString("status"), first.prettify());
            assertEquals("admin", first.getString("trigger"));
            HtmlPage page = browser.open(sources() + "/" + id);
            HtmlTableRow row = firstRun(page);
            assertEquals("SUCCEEDED", row.getCell(1).asNormalizedText());
            assertEquals(String.valueOf(enabledUsers()), row.getCell(4).asNormalizedText(), "added");
            assertEquals(String.valueOf(enabledUsers()), row.getCell(7).asNormalizedText(), "served");
            assertEquals(String.valueOf(enabledUsers()), page.getHtmlElementById("source-served").asNormalizedText());
            assertNoSecret(page);
            HtmlPage listed = browser.open(sources());
            assertTrue(listed.asNormalizedText().contains("Contoso Entra"));
            assertTrue(listed.asNormalizedText().contains("SUCCEEDED"));
            assertNoSecret(listed);

            // A valid filter previews what a run with it then serves.
            String filter = "(&(department=Sales)(!(city=Nowhere)))";
            long sales = sim.directory().liveUserIds().stream().map(sim.directory()::user)
                    .filter(u -> Boolean.TRUE.equals(u.get("accountEnabled")) && "Sales".equals(u.get("department"))).count();
            assertTrue(sales > 0 && sales < enabledUsers(), "the filter keeps some: " + sales);
            Map.Entry<Integer, String> valid = preview(browser, id, filter);
            assertEquals(200, valid.getKey());
            assertEquals("Keeps " + sales + " of " + sim.directory().liveUserIds().size() + " synced users", valid.getValue());
            assertEquals("text/plain", browser.client.getPage(browser.url(previewPath(id, filter))).getWebResponse().getContentType());

            Map.Entry<Integer, String> broken = preview(browser, id, "(department=Sales");
            assertEquals(400, broken.getKey());
            assertTrue(broken.getValue().startsWith("Invalid LDAP filter: "), broken.getValue());
            Map.Entry<Integer, String> unknown = preview(browser, id, "(shoeSize=42)");
            assertEquals(400, unknown.getKey());
            assertTrue(unknown.getValue().contains("unknown attribute 'shoeSize'"), unknown.getValue());

            // Saving with the secret field left blank keeps the secret: the next run still authenticates.
            HtmlPage edit = browser.open(sources() + "/" + id);
            assertEquals("", input(edit, "f-clientSecret").getValue(), "a secret is never put back into the form");
            input(edit, "f-filter").setValue(filter);
            HtmlPage saved = ConsoleBrowser.click(edit, "save-source");
            assertEquals(200, saved.getWebResponse().getStatusCode(), saved.asNormalizedText());
            assertNoSecret(saved);
            ConsoleBrowser.click(saved, "sync-now");
            JsonPath filtered = SyncApi.waitFor(realm, id, latestRun(id));
            assertEquals("SUCCEEDED", filtered.getString("status"), filtered.prettify());
            assertEquals((int) sales, filtered.getInt("served"), "the preview's count is what the run serves");
            assertEquals((int) sales, SyncApi.count(realm, null));

            // A refused change shows the form again with the reason, still without the secret.
            HtmlPage again = browser.open(sources() + "/" + id);
            input(again, "f-filter").setValue("(department=Sales");
            HtmlPage refused = ConsoleBrowser.click(again, "save-source");
            assertEquals(400, refused.getWebResponse().getStatusCode());
            assertTrue(refused.getHtmlElementById("error").asNormalizedText().contains("Invalid LDAP filter"));
            assertNoSecret(refused);
            assertEquals(filter, AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().extract().path("filter"));

            // Disable, enable, delete.
            HtmlPage disabled = ConsoleBrowser.click(browser.open(sources() + "/" + id), "disable-source");
            assertEquals("no", disabled.getHtmlElementById("source-enabled").asNormalizedText());
            assertEquals(false, AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().extract().path("enabled"));
            HtmlPage enabled = ConsoleBrowser.click(disabled, "enable-source");
            assertEquals("yes", enabled.getHtmlElementById("source-enabled").asNormalizedText());
            HtmlPage afterDelete = ConsoleBrowser.click(enabled, "delete-source");
            assertEquals(sources(), afterDelete.getUrl().getPath());
            AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().statusCode(404);

            // The console's changes are audited like the API's, and the secret is not in the audit trail.
            Set<String> audited = auditedSourceEvents();
            assertTrue(audited.containsAll(Set.of("CREATE directory-sources/" + id, "ACTION directory-sources/" + id
                    + "/sync", "UPDATE directory-sources/" + id, "DELETE directory-sources/" + id)), audited.toString());
            assertFalse(AdminApi.admin().get("/admin/realms/" + realm + "/admin-events").asString()
                    .contains(sim.clientSecret()));
        }
    }

    @Test
    void aWebexSourceKeepsItsTokenWriteOnly() {
        String token = "webex-token-" + UUID.randomUUID();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage form = ConsoleBrowser.click(browser.open(sources()), "add-webex");
            input(form, "f-name").setValue("Webex people");
            input(form, "f-accessToken").setValue(token);
            input(form, "f-objectTypes").setValue("people, workspaces");
            HtmlPage created = ConsoleBrowser.click(form, "save-source");
            assertEquals(200, created.getWebResponse().getStatusCode(), created.asNormalizedText());
            assertFalse(created.getWebResponse().getContentAsString().contains(token));
            String id = created.getUrl().getPath().substring((sources() + "/").length());
            JsonPath stored = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("webex", stored.getString("type"));
            assertEquals("**********", stored.getString("config.accessToken"));
            assertEquals("people, workspaces", stored.getString("config.objectTypes"));

            // An invalid object type is refused with the reason; the entered token is not echoed back.
            HtmlPage again = ConsoleBrowser.click(browser.open(sources()), "add-webex");
            input(again, "f-name").setValue("Webex bad");
            input(again, "f-accessToken").setValue(token);
            input(again, "f-objectTypes").setValue("robots");
            HtmlPage refused = ConsoleBrowser.click(again, "save-source");
            assertEquals(400, refused.getWebResponse().getStatusCode());
            assertTrue(refused.getHtmlElementById("error").asNormalizedText().contains("'robots'"));
            assertEquals("Webex bad", input(refused, "f-name").getValue());
            assertFalse(refused.getWebResponse().getContentAsString().contains(token));
        }
    }

    @Test
    void aRunHeldByTheMassDeletionGuardIsConfirmedFromTheConsole() {
        String id = SyncApi.createEntraSource(realm, sim, "", "");
        assertEquals("SUCCEEDED", SyncApi.sync(realm, id, false).getString("status"));
        int served = SyncApi.count(realm, null);
        sim.directory().liveUserIds().subList(0, 80).forEach(sim.directory()::hardDelete);
        int removed = served - (int) enabledUsers();

        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            ConsoleBrowser.click(browser.open(sources() + "/" + id), "sync-now");
            JsonPath held = SyncApi.waitFor(realm, id, latestRun(id));
            assertEquals("HELD", held.getString("status"), held.prettify());
            HtmlPage page = browser.open(sources() + "/" + id);
            assertEquals(String.valueOf(removed), page.getHtmlElementById("held-removed").asNormalizedText());
            assertTrue(page.getHtmlElementById("held-run").asNormalizedText().contains("of " + served + " served users"));
            assertFalse(ConsoleBrowser.form(page, "/sync-runs/" + held.getString("id") + "/confirm")
                    .getAttribute("data-confirm").isEmpty(), "the browser asks before confirming");
            assertEquals(served, SyncApi.count(realm, null), "nothing removed while held");

            HtmlPage confirmed = ConsoleBrowser.click(page, "confirm-held");
            assertEquals(200, confirmed.getWebResponse().getStatusCode(), confirmed.asNormalizedText());
            JsonPath applied = SyncApi.waitFor(realm, id, latestRun(id));
            assertEquals("confirmation", applied.getString("trigger"));
            assertEquals("SUCCEEDED", applied.getString("status"), applied.prettify());
            assertEquals(removed, applied.getInt("removed"));
            assertEquals((int) enabledUsers(), SyncApi.count(realm, null));
            HtmlPage after = browser.open(sources() + "/" + id);
            assertTrue(after.getElementById("held-run") == null, "no held run left to confirm");
            assertTrue(auditedSourceEvents().contains("ACTION directory-sources/" + id + "/sync-runs/"
                    + held.getString("id") + "/confirm"), "the confirmation is audited");
        }
    }

    @Test
    void theUsersPageSearchesTheLdapViewAndShowsEntriesAsLdapServesThem() throws Exception {
        String id = SyncApi.createEntraSource(realm, sim, "", "");
        assertEquals("SUCCEEDED", SyncApi.sync(realm, id, false).getString("status"));
        Map<String, String> suite = registerSuite();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString());
             LDAPConnection ldap = connect(suite)) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            String users = "/admin/console/realms/" + realm + "/users";
            HtmlPage all = await(() -> {
                HtmlPage p = browser.open(users);
                return p.getHtmlElementById("result-count").asNormalizedText().contains("first 200") ? p : null;
            }, "the LDAP view serves the synced users");
            assertEquals(200, all.getByXPath("//tr[@class='user']").size(), "capped at 200");

            String initial = sim.directory().liveUserIds().stream().map(sim.directory()::user)
                    .filter(u -> Boolean.TRUE.equals(u.get("accountEnabled")) && "Sales".equals(u.get("department"))
                            && u.get("surname") != null)
                    .map(u -> ((String) u.get("surname")).substring(0, 1)).findFirst().orElseThrow();
            String filter = "(&(department=Sales)(sn=" + initial + "*))";
            Set<String> expected = ldap.search("ou=users,o=" + realm + ",dc=federation,dc=cloud", SearchScope.SUB,
                    filter, "1.1").getSearchEntries().stream().map(e -> e.getDN()).collect(Collectors.toCollection(TreeSet::new));
            assertFalse(expected.isEmpty(), "the filter matches someone");
            HtmlPage search = browser.open(users);
            input(search, "user-filter").setValue(filter);
            HtmlPage found = ConsoleBrowser.click(search, "search-users");
            List<HtmlTableRow> rows = found.getByXPath("//tr[@class='user']");
            assertEquals(expected, rows.stream().map(r -> r.getCell(0).asNormalizedText())
                    .collect(Collectors.toCollection(TreeSet::new)));
            assertTrue(found.getHtmlElementById("result-count").asNormalizedText().startsWith(expected.size() + " match"));

            HtmlPage invalid = browser.open(users + "?filter=" + URLEncoder.encode("(&(department=Sales)", StandardCharsets.UTF_8));
            assertEquals(400, invalid.getWebResponse().getStatusCode());
            assertTrue(invalid.getHtmlElementById("error").asNormalizedText().startsWith("Invalid filter:"),
                    invalid.getHtmlElementById("error").asNormalizedText());
            assertEquals("(&(department=Sales)", input(invalid, "user-filter").getValue(), "the filter stays to be fixed");

            HtmlAnchor link = rows.get(0).getCell(0).getFirstByXPath(".//a");
            String dn = rows.get(0).getCell(0).asNormalizedText();
            HtmlPage entry = link.click();
            assertEquals(200, entry.getWebResponse().getStatusCode());
            String shown = entry.getHtmlElementById("entry-ldif").getTextContent();
            SearchResultEntry served = ldap.getEntry(dn, "*", "+");
            assertEquals(ldif(served), shown);
            assertTrue(shown.contains("\nentryUUID: ") && shown.contains("\ncreateTimestamp: ")
                    && shown.contains("\nobjectGUID:: "), shown);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        String id = SyncApi.createEntraSource(realm, sim, "", "");
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            for (String action : List.of("/" + id + "/sync", "/" + id + "/disable", "/" + id + "/delete", "/" + id)) {
                post(cookie, sources() + action, Map.of("name", "renamed", "filter", "(department=Sales)"))
                        .then().statusCode(403).body(containsString("security token"));
            }
            post(cookie, sources(), Map.of("type", "entra", "name", "sneaky", "tenantId", "t", "clientId", "c",
                    "clientSecret", "s")).then().statusCode(403);
            JsonPath after = AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(true, after.getBoolean("enabled"));
            assertTrue(after.getString("name").startsWith("entra-"));
            assertEquals(null, after.getString("filter"));
            assertEquals(1, AdminApi.admin().get(SyncApi.sourcesPath(realm)).then().extract().jsonPath().getList("$").size());
            assertEquals(0, AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id + "/sync-runs").then()
                    .extract().jsonPath().getList("$").size(), "no run started");
        }
    }

    @Test
    void aRealmAdminOfAnotherRealmIsRefused() {
        String id = SyncApi.createEntraSource(realm, sim, "", "");
        String other = AdminApi.uniqueRealm("dirother");
        AdminApi.createRealm(other);
        String username = "dir-admin-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.createRealmAdmin(other, username, "pw-" + username);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HtmlPage home = browser.signIn(username, "pw-" + username);
            assertEquals(200, browser.open("/admin/console/realms/" + other + "/directory-sources").getWebResponse()
                    .getStatusCode(), "their own realm's sources");
            assertEquals(200, browser.open("/admin/console/realms/" + other + "/users").getWebResponse().getStatusCode());
            for (String path : List.of(sources(), sources() + "/" + id, sources() + "/new?type=entra",
                    previewPath(id, "(department=Sales)"), "/admin/console/realms/" + realm + "/users",
                    "/admin/console/realms/" + realm + "/users/entry?dn="
                            + URLEncoder.encode("ou=users,o=" + realm + ",dc=federation,dc=cloud", StandardCharsets.UTF_8))) {
                Page page = open(browser, path);
                assertEquals(403, page.getWebResponse().getStatusCode(), path);
                assertFalse(page.getWebResponse().getContentAsString().contains(id), path);
            }
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String csrf = ConsoleBrowser.csrf(home);
            post(cookie, sources() + "/" + id + "/sync", Map.of("csrf", csrf)).then().statusCode(403);
            post(cookie, sources() + "/" + id + "/delete", Map.of("csrf", csrf)).then().statusCode(403);
            AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id).then().statusCode(200);
            assertEquals(0, AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id + "/sync-runs").then()
                    .extract().jsonPath().getList("$").size());
            // Its own realm's users page does not reach into the other realm's tree either.
            HtmlPage foreignDn = browser.open("/admin/console/realms/" + other + "/users/entry?dn="
                    + URLEncoder.encode("ou=users,o=" + realm + ",dc=federation,dc=cloud", StandardCharsets.UTF_8));
            assertEquals(404, foreignDn.getWebResponse().getStatusCode());
        }
    }

    // --- helpers

    /** "OPERATION resourcePath" of the realm's directory-source admin events. */
    private Set<String> auditedSourceEvents() {
        List<Map<String, Object>> events = AdminApi.admin().queryParam("resourceTypes", "DIRECTORY_SOURCE")
                .queryParam("max", 500).get("/admin/realms/" + realm + "/admin-events").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return events.stream().map(e -> e.get("operationType") + " " + e.get("resourcePath"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void assertNoSecret(HtmlPage page) {
        assertFalse(page.getWebResponse().getContentAsString().contains(sim.clientSecret()),
                "the client secret appears in " + page.getUrl());
    }

    private long enabledUsers() {
        return sim.directory().liveUserIds().stream()
                .filter(u -> Boolean.TRUE.equals(sim.directory().user(u).get("accountEnabled"))).count();
    }

    private String previewPath(String id, String filter) {
        return sources() + "/" + id + "/filter-preview?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private Map.Entry<Integer, String> preview(ConsoleBrowser browser, String id, String filter) {
        Page page = open(browser, previewPath(id, filter));
        return Map.entry(page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
    }

    private static Page open(ConsoleBrowser browser, String path) {
        try {
            return browser.client.getPage(browser.url(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String latestRun(String id) {
        return AdminApi.admin().get(SyncApi.sourcesPath(realm) + "/" + id + "/sync-runs?max=1").then().statusCode(200)
                .extract().jsonPath().getString("[0].id");
    }

    private static HtmlTableRow firstRun(HtmlPage page) {
        return page.getFirstByXPath("//table[@id='run-history']/tbody/tr[@class='run']");
    }

    private static HtmlInput input(HtmlPage page, String id) {
        return page.getHtmlElementById(id);
    }

    private static Response post(String cookie, String path, Map<String, String> form) {
        return RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                .contentType(ContentType.URLENC).formParams(form).post(path);
    }

    /** The entry as the console should show it, from what an LDAP client received. */
    private static String ldif(SearchResultEntry entry) {
        StringBuilder out = new StringBuilder("dn: ").append(entry.getDN()).append('\n');
        for (Attribute a : entry.getAttributes()) {
            for (byte[] value : a.getValueByteArrays()) {
                if (a.getBaseName().equalsIgnoreCase("objectGUID")) {
                    out.append(a.getName()).append(":: ").append(Base64.encode(value)).append('\n');
                } else {
                    out.append(a.getName()).append(": ").append(new String(value, StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private Map<String, String> registerSuite() {
        String location = AdminApi.admin().contentType("application/json")
                .body("{\"clientId\":\"suite-" + System.nanoTime() + "\",\"redirectUris\":[\"https://suite.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201).extract().header("Location");
        JsonPath credential = AdminApi.admin().post("/admin/realms/" + realm + "/clients/"
                + location.substring(location.lastIndexOf('/') + 1) + "/ldap-credential").then().statusCode(200)
                .extract().jsonPath();
        return Map.of("bindDn", credential.getString("bindDn"), "password", credential.getString("password"));
    }

    private LDAPConnection connect(Map<String, String> suite) throws Exception {
        LDAPConnection c = await(() -> {
            try {
                SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(LDAP_CERT.toFile()));
                LDAPConnection conn = new LDAPConnection(ssl.createSSLSocketFactory(), "localhost", listeners.ldapsPort());
                try {
                    conn.bind(suite.get("bindDn"), suite.get("password"));
                    return conn;
                } catch (Exception e) {
                    conn.close();
                    return null;
                }
            } catch (Exception e) {
                return null;
            }
        }, "the suite's LDAP credential is served");
        return c;
    }

    private static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("timed out waiting until " + what);
        return null;
    }
}
