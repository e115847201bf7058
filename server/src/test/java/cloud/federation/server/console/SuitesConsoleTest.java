package cloud.federation.server.console;

import cloud.federation.ldap.service.LdapListeners;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import cloud.federation.server.support.PostgresTestDatabase;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Suites in the console: registration shows the client secret and LDAP password once and both work; rotation,
 * disabling and redirect URL edits take effect; forms need the session's CSRF token and the realm's administrator.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SuitesConsoleTest {

    static final Path LDAP_CERT = Path.of("target/test-data/ldap-tls/ldap-cert.pem");

    @TestHTTPResource("/")
    URL base;
    @Inject
    LdapListeners listeners;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * The refused old secrets count against 127.0.0.1, the address every other test signs in from: forgotten after
     * each test so the per-address lockout never reaches the admin logins of the classes that follow.
     */
    @org.junit.jupiter.api.AfterEach
    void forgetLoopbackFailures() throws Exception {
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("delete from login_failure where subject_key = 'addr:127.0.0.1'")) {
            ps.executeUpdate();
        }
    }

    /** A realm with a verified login domain, so discovery answers 200 to its suites. */
    record Realm(String name, String domain) {
        String login() {
            return "alice@" + domain;
        }

        String suitesPath() {
            return "/admin/console/realms/" + name + "/suites";
        }
    }

    static Realm realm() {
        String name = AdminApi.uniqueRealm("suites");
        AdminApi.createRealm(name);
        String domain = "s" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AdminApi.admin().body("{\"name\":\"" + domain + "\",\"verified\":true}")
                .post("/admin/realms/" + name + "/domains").then().statusCode(201);
        return new Realm(name, domain);
    }

    /** The values the page showed once. */
    record Shown(String clientId, String secret, String bindDn, String ldapPassword) {
        static Shown of(HtmlPage page) {
            return new Shown(ConsoleForms.text(page, "client-id"),
                    page.getElementById("client-secret") == null ? null : ConsoleForms.text(page, "client-secret"),
                    page.getElementById("ldap-bind-dn") == null ? null : ConsoleForms.text(page, "ldap-bind-dn"),
                    page.getElementById("ldap-password") == null ? null : ConsoleForms.text(page, "ldap-password"));
        }
    }

    @Test
    void registeringShowsWorkingSecretsOnceAndNeverAgain() throws Exception {
        Realm realm = realm();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage page = ConsoleForms.register(browser, realm.name(), "Contoso Suite",
                    "https://suite.contoso.example/sso/callback\n\n  https://suite2.contoso.example/cb  \n");
            assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText());
            assertTrue(page.getUrl().getPath().startsWith(realm.suitesPath() + "/shown/"),
                    "the POST redirects to a one-time page: " + page.getUrl());
            assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"));
            assertTrue(ConsoleForms.text(page, "shown-once").contains("Shown once"));
            Shown shown = Shown.of(page);
            assertTrue(shown.secret().length() >= 40, shown.toString());
            assertTrue(shown.ldapPassword().length() >= 20, shown.toString());
            assertEquals("cn=" + shown.clientId() + ",ou=suites,o=" + realm.name() + ",dc=federation,dc=cloud",
                    shown.bindDn());
            assertEquals(4, page.getByXPath("//dl[@id='secrets']//button[@class='copy']").size(),
                    "each value has a copy button");

            discover(shown.clientId(), shown.secret(), realm.login()).then().statusCode(200)
                    .body("realm", equalTo(realm.name()));
            awaitBind(shown.bindDn(), shown.ldapPassword()).close();

            // A reload (or another session with the same address) finds nothing: the values are gone, nothing is
            // registered a second time.
            HtmlPage reloaded = (HtmlPage) page.refresh();
            assertEquals(410, reloaded.getWebResponse().getStatusCode());
            assertFalse(reloaded.getWebResponse().getContentAsString().contains(shown.secret()));
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String location = io.restassured.RestAssured.given().redirects().follow(false)
                    .cookie("federation_console", cookie).contentType(io.restassured.http.ContentType.URLENC)
                    .formParam("csrf", ConsoleBrowser.csrf(browser.open(realm.suitesPath())))
                    .formParam("name", "Second Suite").formParam("redirectUris", "https://second.example/cb")
                    .post(realm.suitesPath()).then().statusCode(303).extract().header("Location");
            try (ConsoleBrowser other = new ConsoleBrowser(base.toString())) {
                other.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
                assertEquals(410, other.open(java.net.URI.create(location).getPath()).getWebResponse().getStatusCode(),
                        "the one-time page belongs to the session that registered the suite");
            }
            assertEquals(200, browser.open(java.net.URI.create(location).getPath()).getWebResponse().getStatusCode());
            // Unopened for longer than its lifetime: gone as well.
            String late = io.restassured.RestAssured.given().redirects().follow(false)
                    .cookie("federation_console", cookie).contentType(io.restassured.http.ContentType.URLENC)
                    .formParam("csrf", ConsoleBrowser.csrf(browser.open(realm.suitesPath())))
                    .formParam("name", "Late Suite").formParam("redirectUris", "https://late.example/cb")
                    .post(realm.suitesPath()).then().statusCode(303).extract().header("Location");
            try (var c = dataSource.getConnection();
                 var ps = c.prepareStatement("update console_reveal set created_at = ? where id_hash = ?")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(6 * 60)));
                ps.setString(2, cloud.federation.realm.secrets.GeneratedSecretDigest.digest(
                        late.substring(late.lastIndexOf('/') + 1)));
                assertEquals(1, ps.executeUpdate());
            }
            assertEquals(410, browser.open(java.net.URI.create(late).getPath()).getWebResponse().getStatusCode());

            HtmlPage list = browser.open(realm.suitesPath());
            String html = list.getWebResponse().getContentAsString();
            assertFalse(html.contains(shown.secret()), "the client secret is never shown again");
            assertFalse(html.contains(shown.ldapPassword()), "the LDAP password is never shown again");
            String row = list.getHtmlElementById("suite-" + suiteId(realm.name(), shown.clientId())).asNormalizedText();
            assertTrue(row.contains("Contoso Suite") && row.contains(shown.clientId()) && row.contains("enabled")
                    && row.contains("credential set") && row.contains("https://suite.contoso.example/sso/callback")
                    && row.contains("https://suite2.contoso.example/cb"), row);

            JsonPath client = AdminApi.admin().queryParam("clientId", shown.clientId())
                    .get("/admin/realms/" + realm.name() + "/clients").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("https://suite.contoso.example/sso/callback", "https://suite2.contoso.example/cb"),
                    client.getList("[0].redirectUris"));
            assertEquals("Contoso Suite", client.getString("[0].name"));
        }
    }

    @Test
    void aPlainHttpRedirectUrlIsRefusedAndNothingIsCreated() {
        Realm realm = realm();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage page = ConsoleForms.register(browser, realm.name(), "Plain Suite",
                    "https://ok.example/cb\nhttp://suite.example/cb");
            assertEquals(400, page.getWebResponse().getStatusCode());
            String error = ConsoleForms.text(page, "error");
            assertTrue(error.contains("http://suite.example/cb") && error.contains("https"), error);
            assertEquals("Plain Suite", page.<org.htmlunit.html.HtmlInput>getHtmlElementById("suite-name").getValue(),
                    "the form keeps what was typed");
            assertTrue(page.getElementById("client-secret") == null);
            assertClientCount(realm.name(), 0);

            HtmlPage noUrl = ConsoleForms.register(browser, realm.name(), "No URL Suite", " \n ");
            assertEquals(400, noUrl.getWebResponse().getStatusCode());
            assertClientCount(realm.name(), 0);
        }
    }

    @Test
    void rotatingReplacesTheSecretAndThePasswordAtOnce() throws Exception {
        Realm realm = realm();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            Shown first = Shown.of(ConsoleForms.register(browser, realm.name(), "Rotating Suite", "https://r.example/cb"));
            String id = suiteId(realm.name(), first.clientId());
            awaitBind(first.bindDn(), first.ldapPassword()).close();

            HtmlPage list = browser.open(realm.suitesPath());
            assertTrue(ConsoleBrowser.form(list, "/suites/" + id + "/client-secret").getAttribute("data-confirm")
                    .contains("stops working"), "rotation asks first");
            HtmlPage rotated = ConsoleForms.submit(list, "/suites/" + id + "/client-secret");
            assertEquals(200, rotated.getWebResponse().getStatusCode());
            assertTrue(ConsoleForms.text(rotated, "shown-once").contains("Shown once"));
            Shown second = Shown.of(rotated);
            assertNotEquals(first.secret(), second.secret());
            assertEquals(null, second.ldapPassword(), "rotating the client secret leaves the LDAP password alone");
            discover(first.clientId(), first.secret(), realm.login()).then().statusCode(401);
            discover(first.clientId(), second.secret(), realm.login()).then().statusCode(200);
            awaitBind(first.bindDn(), first.ldapPassword()).close();

            HtmlPage ldapRotated = ConsoleForms.submit(browser.open(realm.suitesPath()), "/suites/" + id + "/ldap-credential");
            Shown third = Shown.of(ldapRotated);
            assertEquals(first.bindDn(), third.bindDn());
            assertNotEquals(first.ldapPassword(), third.ldapPassword());
            awaitBind(third.bindDn(), third.ldapPassword()).close();
            assertBindRefused(first.bindDn(), first.ldapPassword());
        }
    }

    @Test
    void disablingBlocksTheSuiteAndEditingRedirectUrlsKeepsTheRules() throws Exception {
        Realm realm = realm();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            Shown shown = Shown.of(ConsoleForms.register(browser, realm.name(), "Switchable", "https://sw.example/cb"));
            String id = suiteId(realm.name(), shown.clientId());
            awaitBind(shown.bindDn(), shown.ldapPassword()).close();

            HtmlPage afterDisable = ConsoleForms.submit(browser.open(realm.suitesPath()), "/suites/" + id + "/disable");
            assertEquals(realm.suitesPath(), afterDisable.getUrl().getPath());
            assertTrue(afterDisable.getHtmlElementById("suite-" + id).asNormalizedText().contains("disabled"));
            discover(shown.clientId(), shown.secret(), realm.login()).then().statusCode(401);
            assertBindRefused(shown.bindDn(), shown.ldapPassword());

            ConsoleForms.submit(browser.open(realm.suitesPath()), "/suites/" + id + "/enable");
            discover(shown.clientId(), shown.secret(), realm.login()).then().statusCode(200);
            awaitBind(shown.bindDn(), shown.ldapPassword()).close();

            HtmlPage list = browser.open(realm.suitesPath());
            list.<org.htmlunit.html.HtmlTextArea>getHtmlElementById("redirects-" + id)
                    .setText("https://new.example/cb\nhttps://new.example/cb2");
            HtmlPage edited = ConsoleForms.submit(list, "/suites/" + id + "/redirect-uris");
            assertEquals(200, edited.getWebResponse().getStatusCode());
            assertEquals(List.of("https://new.example/cb", "https://new.example/cb2"), redirectUris(realm.name(), id));

            list = browser.open(realm.suitesPath());
            list.<org.htmlunit.html.HtmlTextArea>getHtmlElementById("redirects-" + id).setText("http://evil.example/cb");
            HtmlPage refused = ConsoleForms.submit(list, "/suites/" + id + "/redirect-uris");
            assertEquals(400, refused.getWebResponse().getStatusCode());
            assertTrue(ConsoleForms.text(refused, "error").contains("https"));
            assertEquals(List.of("https://new.example/cb", "https://new.example/cb2"), redirectUris(realm.name(), id));
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() {
        Realm realm = realm();
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            Shown shown = Shown.of(ConsoleForms.register(browser, realm.name(), "Guarded", "https://g.example/cb"));
            String id = suiteId(realm.name(), shown.clientId());
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String path = realm.suitesPath();

            for (String action : List.of("/" + id + "/client-secret", "/" + id + "/ldap-credential", "/" + id + "/disable",
                    "/" + id + "/redirect-uris")) {
                ConsoleForms.post(cookie, path + action, Map.of("redirectUris", "https://x.example/cb"))
                        .then().statusCode(403);
            }
            ConsoleForms.post(cookie, path, Map.of("name", "Forged", "redirectUris", "https://f.example/cb"))
                    .then().statusCode(403);
            ConsoleForms.post(cookie, path, Map.of("csrf", "forged", "name", "Forged", "redirectUris", "https://f.example/cb"))
                    .then().statusCode(403);

            assertClientCount(realm.name(), 1);
            assertEquals(List.of("https://g.example/cb"), redirectUris(realm.name(), id));
            discover(shown.clientId(), shown.secret(), realm.login()).then().statusCode(200);
        }
    }

    @Test
    void anAdminOfAnotherRealmIsRefused() {
        Realm mine = realm();
        Realm other = realm();
        String username = ConsoleForms.realmAdmin(mine.name());
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HtmlPage home = browser.signIn(username, "pw-" + username);
            HtmlPage own = browser.open(mine.suitesPath());
            assertEquals(200, own.getWebResponse().getStatusCode());
            HtmlPage foreign = browser.open(other.suitesPath());
            assertEquals(403, foreign.getWebResponse().getStatusCode());
            assertTrue(foreign.getElementById("register-form") == null);

            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String csrf = ConsoleBrowser.csrf(home);
            ConsoleForms.post(cookie, other.suitesPath(),
                    Map.of("csrf", csrf, "name", "Intruder", "redirectUris", "https://i.example/cb")).then().statusCode(403);
            assertClientCount(other.name(), 0);

            String location = AdminApi.admin().body("{\"clientId\":\"victim-" + UUID.randomUUID()
                            + "\",\"redirectUris\":[\"https://v.example/cb\"]}")
                    .post("/admin/realms/" + other.name() + "/clients").then().statusCode(201).extract().header("Location");
            String victim = location.substring(location.lastIndexOf('/') + 1);
            ConsoleForms.post(cookie, other.suitesPath() + "/" + victim + "/client-secret", Map.of("csrf", csrf))
                    .then().statusCode(403);
            // Their own realm's path with the other realm's suite id: not found, not rotated.
            ConsoleForms.post(cookie, mine.suitesPath() + "/" + victim + "/client-secret", Map.of("csrf", csrf))
                    .then().statusCode(404);
        }
    }

    static io.restassured.response.Response discover(String clientId, String secret, String login) {
        return RestAssured.given().auth().preemptive().basic(clientId, secret).queryParam("login_hint", login)
                .get("/discovery");
    }

    static String suiteId(String realm, String clientId) {
        return AdminApi.admin().queryParam("clientId", clientId).get("/admin/realms/" + realm + "/clients")
                .then().statusCode(200).extract().path("[0].id");
    }

    static List<String> redirectUris(String realm, String id) {
        return AdminApi.admin().get("/admin/realms/" + realm + "/clients/" + id).then().statusCode(200)
                .extract().jsonPath().getList("redirectUris");
    }

    static void assertClientCount(String realm, int expected) {
        AdminApi.admin().get("/admin/realms/" + realm + "/clients").then().statusCode(200)
                .body("size()", equalTo(expected));
    }

    LDAPConnection connect(String bindDn, String password) throws LDAPException {
        try {
            SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(LDAP_CERT.toFile()));
            LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), "localhost", listeners.ldapsPort());
            try {
                c.bind(bindDn, password);
            } catch (LDAPException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential reaches the listener right after the commit; waits until it binds. */
    LDAPConnection awaitBind(String bindDn, String password) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return connect(bindDn, password);
            } catch (LDAPException e) {
                if (System.nanoTime() > deadline) {
                    fail("the suite never bound: " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until a withdrawn credential is refused (the listener sees the commit within moments). */
    void assertBindRefused(String bindDn, String password) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                connect(bindDn, password).close();
            } catch (LDAPException e) {
                assertEquals(ResultCode.INVALID_CREDENTIALS, e.getResultCode(), e.getMessage());
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("the withdrawn credential still binds");
            }
            Thread.sleep(100);
        }
    }
}
