package cloud.federation.server.console;

import cloud.federation.realm.login.LoginEventEntity;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's events pages: console actions appear with their actor, filters narrow, secrets never show. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AdminEventsConsoleTest {

    @TestHTTPResource("/")
    URL base;

    static String eventsPath(String realm) {
        return "/admin/console/realms/" + realm + "/events";
    }

    static List<DomElement> rows(HtmlPage page) {
        return page.getByXPath("//table[@id='admin-events']/tbody/tr[@class='event']");
    }

    static Set<String> operations(HtmlPage page) {
        return rows(page).stream().map(r -> r.getAttribute("data-operation")).collect(Collectors.toSet());
    }

    @Test
    void consoleActionsAreListedWithTheirActorAndNeverWithASecret() {
        String realm = AdminApi.uniqueRealm("events");
        AdminApi.createRealm(realm);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage shown = ConsoleForms.register(browser, realm, "Audited Suite", "https://a.example/cb");
            String clientId = ConsoleForms.text(shown, "client-id");
            String secret = ConsoleForms.text(shown, "client-secret");
            String ldapPassword = ConsoleForms.text(shown, "ldap-password");
            String id = SuitesConsoleTest.suiteId(realm, clientId);
            HtmlPage rotated = ConsoleForms.submit(browser.open("/admin/console/realms/" + realm + "/suites"),
                    "/suites/" + id + "/client-secret");
            String rotatedSecret = ConsoleForms.text(rotated, "client-secret");
            ConsoleForms.submit(browser.open("/admin/console/realms/" + realm + "/suites"), "/suites/" + id + "/disable");

            HtmlPage events = browser.open(eventsPath(realm) + "?resourceType=CLIENT");
            assertEquals(200, events.getWebResponse().getStatusCode());
            List<DomElement> rows = rows(events);
            // Newest first: disable (UPDATE), secret rotation, LDAP credential, creation.
            assertEquals(List.of("UPDATE", "ACTION", "ACTION", "CREATE"),
                    rows.stream().map(r -> r.getAttribute("data-operation")).toList());
            for (DomElement row : rows) {
                assertEquals(AdminApi.ADMIN, row.getFirstByXPath("string(td[@class='actor'])"), row.asNormalizedText());
                assertEquals("CLIENT", row.getAttribute("data-resource-type"));
            }
            assertTrue(rows.get(1).asNormalizedText().contains("clients/" + id + "/client-secret"));
            assertTrue(rows.get(2).asNormalizedText().contains("clients/" + id + "/ldap-credential"));
            String html = events.getWebResponse().getContentAsString();
            assertTrue(html.contains("Audited Suite") && html.contains("**********"),
                    "the recorded creation, with the secret masked");
            for (String s : List.of(secret, rotatedSecret, ldapPassword)) {
                assertFalse(html.contains(s), "a secret never appears in the events page");
            }
            HtmlPage creation = browser.open(eventsPath(realm) + "?operation=CREATE");
            assertFalse(creation.getWebResponse().getContentAsString().contains(secret));
        }
    }

    @Test
    void filtersNarrowTheListAndPagesHoldFiftyEvents() {
        String realm = AdminApi.uniqueRealm("evfilter");
        AdminApi.createRealm(realm);
        String location = AdminApi.admin().body("{\"clientId\":\"paged-" + UUID.randomUUID()
                        + "\",\"redirectUris\":[\"https://p.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        for (int i = 0; i < 52; i++) {
            AdminApi.admin().body("{\"description\":\"change " + i + "\"}")
                    .put("/admin/realms/" + realm + "/clients/" + id).then().statusCode(204);
        }
        String realmAdmin = ConsoleForms.realmAdmin(realm);
        AdminApi.as(AdminApi.token(realmAdmin, "pw-" + realmAdmin)).post("/admin/realms/" + realm + "/clients/" + id
                + "/client-secret").then().statusCode(200);

        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage first = browser.open(eventsPath(realm));
            assertEquals(50, rows(first).size());
            assertNull(first.getElementById("previous-page"));
            HtmlPage second = ConsoleBrowser.click(first, "next-page");
            assertEquals(5, rows(second).size(), "55 events: the realm, the suite, 52 updates, 1 rotation");
            assertNull(second.getElementById("next-page"));
            assertEquals("REALM", rows(second).get(4).getAttribute("data-resource-type"), "oldest last");
            assertNotNull(ConsoleBrowser.click(second, "previous-page").getElementById("next-page"));

            HtmlPage actions = browser.open(eventsPath(realm) + "?operation=ACTION");
            assertEquals(Set.of("ACTION"), operations(actions));
            assertEquals(1, rows(actions).size());
            assertTrue(rows(actions).get(0).asNormalizedText().contains(realmAdmin));
            assertEquals("ACTION", actions.<org.htmlunit.html.HtmlSelect>getHtmlElementById("f-operation")
                    .getSelectedOptions().get(0).getValueAttribute(), "the form shows the filter in use");

            HtmlPage byActor = browser.open(eventsPath(realm) + "?actor=" + realmAdmin);
            assertEquals(1, rows(byActor).size());
            HtmlPage byOperator = browser.open(eventsPath(realm) + "?actor=" + AdminApi.ADMIN + "&operation=UPDATE");
            assertEquals(50, rows(byOperator).size());
            assertTrue(ConsoleBrowser.click(byOperator, "next-page").getUrl().getQuery().contains("operation=UPDATE"),
                    "paging keeps the filter");
            assertEquals(0, rows(browser.open(eventsPath(realm) + "?resourceType=IDENTITY_PROVIDER")).size());
            assertEquals(4, rows(browser.open(eventsPath(realm) + "?resourceType=CLIENT&page=1")).size(),
                    "54 suite events, without the realm's creation");
            assertEquals(Set.of("CREATE"), operations(browser.open(eventsPath(realm) + "?resourceType=REALM")));

            String hourAgo = utc(Instant.now().minus(1, ChronoUnit.HOURS));
            String inAnHour = utc(Instant.now().plus(1, ChronoUnit.HOURS));
            assertEquals(0, rows(browser.open(eventsPath(realm) + "?from=" + enc(inAnHour))).size());
            assertEquals(0, rows(browser.open(eventsPath(realm) + "?to=" + enc(hourAgo))).size());
            assertEquals(1, rows(browser.open(eventsPath(realm) + "?from=" + enc(hourAgo) + "&to=" + enc(inAnHour)
                    + "&operation=ACTION")).size());
            HtmlPage badDate = browser.open(eventsPath(realm) + "?from=yesterday");
            assertEquals(200, badDate.getWebResponse().getStatusCode());
            assertTrue(ConsoleForms.text(badDate, "error").contains("from"));
        }
    }

    @Test
    void signOnEventsAreFoundByTheirSupportReference() {
        String realm = AdminApi.uniqueRealm("evsignon");
        AdminApi.createRealm(realm);
        String reference = "R" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        QuarkusTransaction.requiringNew().run(() -> {
            LoginEventEntity refused = LoginEventEntity.of(realm, "LOGIN_ERROR");
            refused.reason = "email_domain_not_in_realm";
            refused.reference = reference;
            refused.emailDomain = "contoso.example";
            refused.persist();
            LoginEventEntity ok = LoginEventEntity.of(realm, "LOGIN");
            ok.emailDomain = "contoso.example";
            ok.persist();
        });
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            String path = eventsPath(realm) + "/sign-ons";
            assertEquals(2, signOnRows(browser.open(path)).size());
            List<DomElement> found = signOnRows(browser.open(path + "?reference=" + reference));
            assertEquals(1, found.size());
            assertTrue(found.get(0).asNormalizedText().contains("email_domain_not_in_realm"));
            List<DomElement> logins = signOnRows(browser.open(path + "?type=LOGIN"));
            assertEquals(1, logins.size());
            assertEquals("LOGIN", logins.get(0).getAttribute("data-type"));
        }
    }

    @Test
    void anAdminOfAnotherRealmCannotReadItsEvents() {
        String mine = AdminApi.uniqueRealm("evmine");
        String other = AdminApi.uniqueRealm("evother");
        AdminApi.createRealm(mine);
        AdminApi.createRealm(other);
        String username = ConsoleForms.realmAdmin(mine);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(username, "pw-" + username);
            assertEquals(200, browser.open(eventsPath(mine)).getWebResponse().getStatusCode());
            HtmlPage foreign = browser.open(eventsPath(other));
            assertEquals(403, foreign.getWebResponse().getStatusCode());
            assertNull(foreign.getElementById("admin-events"));
            assertEquals(403, browser.open(eventsPath(other) + "/sign-ons").getWebResponse().getStatusCode());
        }
    }

    static List<DomElement> signOnRows(HtmlPage page) {
        return page.getByXPath("//table[@id='sign-on-events']/tbody/tr[@class='event']");
    }

    static String utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
