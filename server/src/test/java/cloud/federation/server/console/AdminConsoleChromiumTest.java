package cloud.federation.server.console;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.Chromium;
import cloud.federation.server.support.Dnsmasq;
import cloud.federation.server.support.KeycloakIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.GraphDirectory;
import cloud.federation.sync.simulator.GraphSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console in Debian's headless Chromium, end to end: sign in, create a realm, verify a domain against a
 * real DNS server, add a real Keycloak as SAML IdP by its metadata URL, register a suite, run "Test sign-in" through
 * Keycloak's own login page and read the claims. Every page is saved under {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(value = Dnsmasq.class, restrictToAnnotatedClass = true)
class AdminConsoleChromiumTest {

    static KeycloakIdp keycloak;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = new KeycloakIdp();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void anAdminSetsUpARealmAndTestsTheSignIn() throws Exception {
        String root = base.toString().replaceAll("/$", "");
        String realm = AdminApi.uniqueRealm("acme");
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + "." + Dnsmasq.ZONE;
        try (Chromium chrome = new Chromium("en")) {
            // Sign-in through the master realm's page.
            chrome.open(root + "/admin/console");
            chrome.await(By.id("username")).sendKeys(AdminApi.ADMIN);
            chrome.await(By.id("password")).sendKeys(AdminApi.ADMIN_PASSWORD);
            chrome.screenshot("console-01-sign-in");
            chrome.navigate(() -> chrome.await(By.id("sign-in")).click());
            assertEquals(AdminApi.ADMIN, chrome.text(By.id("signed-in-as")));
            chrome.screenshot("console-02-realms");

            // A realm.
            chrome.await(By.id("realm-name")).sendKeys(realm);
            chrome.await(By.id("realm-display-name")).sendKeys("Acme Corporation");
            chrome.navigate(() -> chrome.await(By.id("create-realm")).click());
            String heading = chrome.text(By.tagName("h1"));
            assertTrue(heading.startsWith("Acme Corporation"), heading + " / " + chrome.driver.getCurrentUrl()
                    + " / " + chrome.driver.findElement(By.tagName("main")).getText());

            // A domain, verified through its DNS TXT record.
            chrome.await(By.id("domain-name")).sendKeys(domain);
            chrome.navigate(() -> chrome.await(By.id("add-domain")).click());
            WebElement row = chrome.await(By.cssSelector("tr.domain[data-domain='" + domain + "']"));
            String record = row.findElement(By.cssSelector(".txt-record")).getText();
            assertTrue(record.startsWith("federation-verification="), record);
            chrome.screenshot("console-03-domain-unverified");
            Dnsmasq.publishTxt(domain, record);
            chrome.navigate(() -> chrome.await(By.cssSelector("tr.domain[data-domain='" + domain + "'] button.verify")).click());
            assertTrue(chrome.text(By.cssSelector("tr.domain[data-domain='" + domain + "']")).contains("Verified"));
            chrome.screenshot("console-04-domain-verified");

            // Keycloak as SAML IdP, by its metadata URL; then our SP registered at Keycloak from the URL we show.
            chrome.navigate(() -> chrome.await(By.id("add-idp")).click());
            chrome.screenshot("console-05-idp-wizard");
            chrome.await(By.id("saml-alias")).sendKeys("keycloak");
            chrome.await(By.id("saml-display")).sendKeys("Acme Keycloak");
            chrome.await(By.id("saml-url")).sendKeys(keycloak.samlDescriptorUrl());
            chrome.navigate(() -> chrome.await(By.id("create-saml")).click());
            String spMetadata = chrome.text(By.id("sp-metadata"));
            assertEquals(root + "/realms/" + realm + "/broker/keycloak/endpoint/descriptor", spMetadata);
            chrome.screenshot("console-06-idp");
            keycloak.registerSamlServiceProvider(RestAssured.get(spMetadata).then().statusCode(200).extract().asString(),
                    false);
            String user = "alice-" + UUID.randomUUID().toString().substring(0, 6);
            keycloak.addUser(user, user + "@" + domain, "alice-password");

            // A suite: its secrets shown once, and they work.
            chrome.navigate(() -> chrome.await(By.linkText("Suites")).click());
            chrome.await(By.id("suite-name")).sendKeys("Acme UCX Suite");
            chrome.await(By.id("suite-redirects")).sendKeys("https://ucx.acme.example/sso/callback");
            chrome.navigate(() -> chrome.await(By.id("register-suite")).click());
            String clientId = chrome.text(By.id("client-id"));
            String clientSecret = chrome.text(By.id("client-secret"));
            assertTrue(chrome.text(By.id("ldap-bind-dn")).startsWith("cn=" + clientId + ",ou=suites,o=" + realm));
            chrome.screenshot("console-07-suite-secrets-shown-once");
            RestAssured.given().auth().preemptive().basic(clientId, clientSecret)
                    .get("/discovery?login_hint=someone@" + domain).then().statusCode(200);
            chrome.navigate(() -> chrome.await(By.id("back-to-suites")).click());
            assertTrue(!chrome.driver.getPageSource().contains(clientSecret), "the secret is gone after the first page");
            chrome.screenshot("console-07b-suites");
            chrome.open(root + "/admin/console/realms/" + realm + "/identity-providers/keycloak");

            // Test sign-in: a new tab, Keycloak's login page, then our result with checks and claims.
            String console = chrome.driver.getWindowHandle();
            chrome.await(By.id("test-sign-in")).click();
            chrome.until(d -> d.getWindowHandles().size() == 2, "the test sign-in tab");
            List<String> tabs = new ArrayList<>(chrome.driver.getWindowHandles());
            tabs.remove(console);
            chrome.driver.switchTo().window(tabs.get(0));
            chrome.awaitUrl(u -> u.contains("/realms/" + KeycloakIdp.REALM + "/"), "Keycloak's login page");
            chrome.await(By.id("username")).sendKeys(user);
            chrome.await(By.id("password")).sendKeys("alice-password");
            chrome.screenshot("console-08-keycloak-login");
            chrome.await(By.id("password")).sendKeys(Keys.ENTER);
            chrome.await(By.id("claims"));
            String checks = chrome.text(By.id("checks"));
            String claims = chrome.text(By.id("claims"));
            chrome.screenshot("console-09-test-sign-in-result");
            assertTrue(claims.contains(user + "@" + domain), claims);
            assertTrue(checks.toLowerCase().contains("signature"), checks);
            chrome.driver.close();
            chrome.driver.switchTo().window(console);

            // The overview, and the admin events that recorded all of it.
            chrome.open(root + "/admin/console/realms/" + realm);
            chrome.screenshot("console-10-overview");
            chrome.navigate(() -> chrome.await(By.linkText("Admin events")).click());
            assertTrue(chrome.text(By.tagName("main")).contains("identity-provider/instances/keycloak"));
            chrome.screenshot("console-11-admin-events");
            chrome.navigate(() -> chrome.await(By.id("tab-sign-ons")).click());
            assertTrue(chrome.text(By.tagName("main")).contains("LOGIN_TEST"), chrome.text(By.tagName("main")));
            chrome.screenshot("console-11b-sign-on-events");
            chrome.navigate(() -> chrome.await(By.id("logout")).click());
            chrome.await(By.id("sign-in-again"));
            chrome.screenshot("console-12-signed-out");
            assertCleanConsole(chrome);
        }
    }

    @Test
    void directorySourcesAndTheUsersTheyServeInTheBrowser() {
        String root = base.toString().replaceAll("/$", "");
        String realm = AdminApi.uniqueRealm("dir");
        AdminApi.createRealm(realm);
        try (GraphSimulator sim = GraphSimulator.start(GraphDirectory.generate(11, 120, 4));
             Chromium chrome = new Chromium("en")) {
            String source = SyncApi.createEntraSource(realm, sim, "", "");
            assertEquals("SUCCEEDED", SyncApi.sync(realm, source, false).getString("status"));
            int served = SyncApi.count(realm, null);
            int sales = SyncApi.count(realm, "(department=Sales)");

            chrome.open(root + "/admin/console/realms/" + realm + "/directory-sources");
            chrome.await(By.id("username")).sendKeys(AdminApi.ADMIN);
            chrome.await(By.id("password")).sendKeys(AdminApi.ADMIN_PASSWORD, Keys.ENTER);
            chrome.open(root + "/admin/console/realms/" + realm + "/directory-sources");
            assertTrue(chrome.text(By.id("sources")).contains(String.valueOf(served)));
            chrome.screenshot("console-13-directory-sources");

            // The filter editor checks and previews as the admin types (console.js against the preview endpoint).
            chrome.open(root + "/admin/console/realms/" + realm + "/directory-sources/" + source);
            WebElement filter = chrome.await(By.id("f-filter"));
            filter.sendKeys("(department=Sales)");
            chrome.until(d -> d.findElement(By.id("filter-preview")).getText().contains("Keeps " + sales + " of "),
                    "the preview of a valid filter");
            chrome.screenshot("console-14-directory-source-filter-preview");
            filter.sendKeys(Keys.END, "(");
            chrome.until(d -> d.findElement(By.id("filter-preview")).getText().startsWith("Invalid"),
                    "the preview of an invalid filter");
            assertEquals("true", filter.getDomAttribute("aria-invalid"));
            assertTrue(chrome.text(By.id("run-history")).contains("SUCCEEDED"));

            // Users as LDAP serves them.
            chrome.open(root + "/admin/console/realms/" + realm + "/users");
            WebElement search = chrome.await(By.id("user-filter"));
            search.clear();
            search.sendKeys("(department=Sales)");
            chrome.navigate(() -> chrome.await(By.id("search-users")).click());
            // The LDAP view follows the committed run within a second of this node hearing of it.
            chrome.until(d -> {
                if (d.findElement(By.id("result-count")).getText().startsWith(sales + " match")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            }, sales + " users of department Sales, as the directory API counted them");
            chrome.screenshot("console-15-users-search");
            chrome.navigate(() -> chrome.await(By.cssSelector("#users tbody a")).click());
            String ldif = chrome.text(By.id("entry-ldif"));
            assertTrue(ldif.startsWith("dn: uid=") && ldif.contains("department: Sales") && ldif.contains("entryUUID: "), ldif);
            chrome.screenshot("console-16-user-entry");
            assertCleanConsole(chrome);
        }
    }

    /** No script error or Content-Security-Policy violation on any page since the browser started. */
    private static void assertCleanConsole(Chromium chrome) {
        List<String> problems = chrome.console().stream()
                .filter(m -> !m.contains("favicon.ico"))
                .filter(m -> m.contains("Error") || m.contains("Content Security Policy") || m.contains("Refused"))
                .toList();
        assertTrue(problems.isEmpty(), "browser console: " + problems);
    }
}
