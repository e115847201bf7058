package cloud.federation.server.signon;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DiscoveryAndRoutingTest {

    static LoopbackOp op;
    SignOnSetup setup;

    @BeforeAll
    static void startOp() {
        op = new LoopbackOp();
    }

    @AfterAll
    static void stopOp() {
        op.close();
    }

    @BeforeEach
    void realm() {
        setup = SignOnSetup.create("route", op.idpJson("primary", null));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
    }

    private io.restassured.response.Response discover(String clientId, String secret, String login) {
        return RestAssured.given().auth().preemptive().basic(clientId, secret).queryParam("login_hint", login)
                .get("/discovery");
    }

    @Test
    void discoveryAnswersTheRealmAndItsProviders() {
        discover(setup.clientId, setup.clientSecret, "Alice@" + setup.domain.toUpperCase()).then().statusCode(200)
                .body("realm", equalTo(setup.realm))
                .body("issuer", equalTo(setup.issuer()))
                .body("authorization_endpoint", equalTo(setup.issuer() + "/protocol/openid-connect/auth"))
                .body("identity_providers.alias", equalTo(List.of("primary")))
                .body("identity_providers[0].display_name", equalTo("Loopback OP"))
                .body("identity_providers[0].protocol", equalTo("oidc"));
        discover(setup.clientId, setup.clientSecret, setup.domain).then().statusCode(200);
    }

    @Test
    void discoveryRequiresTheSuitesCredentials() {
        RestAssured.given().queryParam("login_hint", setup.user("a")).get("/discovery").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"discovery\"");
        discover(setup.clientId, "wrong", setup.user("a")).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownDomainsAndOtherRealmsDomainsAre404() {
        discover(setup.clientId, setup.clientSecret, "x@nowhere-" + UUID.randomUUID() + ".example").then().statusCode(404)
                .contentType("application/problem+json");
        SignOnSetup other = SignOnSetup.create("route-other", null);
        discover(setup.clientId, setup.clientSecret, other.user("bob")).then().statusCode(404);
        discover(other.clientId, other.clientSecret, setup.user("alice")).then().statusCode(404);
    }

    @Test
    void subdomainsMatchOnlyWhenAllowed() {
        discover(setup.clientId, setup.clientSecret, "a@eu." + setup.domain).then().statusCode(404);
        String open = "o" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AdminApi.admin().body("{\"name\":\"" + open + "\",\"matchSubdomains\":true,\"verified\":true}")
                .post("/admin/realms/" + setup.realm + "/domains").then().statusCode(201);
        discover(setup.clientId, setup.clientSecret, "a@eu." + open).then().statusCode(200);
    }

    @Test
    void unverifiedDomainsDoNotRoute() {
        String pending = "p" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AdminApi.admin().body("{\"name\":\"" + pending + "\"}").post("/admin/realms/" + setup.realm + "/domains")
                .then().statusCode(201);
        discover(setup.clientId, setup.clientSecret, "a@" + pending).then().statusCode(404);
    }

    @Test
    void severalProvidersGiveAChooserListingOnlyEnabledOnes() {
        AdminApi.admin().body(op.idpJson("secondary", null).replace("Loopback OP", "Second OP"))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        AdminApi.admin().body(op.idpJson("switched-off", null).replace("\"providerId\"", "\"enabled\":false,\"providerId\""))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        SuiteBrowser browser = new SuiteBrowser();
        SuiteBrowser.Stop chooser = browser.open(setup.authorizeUrl("login_hint=" + SuiteBrowser.enc(setup.user("alice"))),
                SignOnSetup.REDIRECT_URI);
        assertFalse(chooser.atSuite());
        String page = chooser.page().body();
        assertTrue(page.contains("value=\"primary\"") && page.contains("value=\"secondary\""), page);
        assertFalse(page.contains("switched-off"), "disabled providers are never offered");
        String loginId = page.replaceAll("(?s).*name=\"login\" value=\"([^\"]+)\".*", "$1");
        SuiteBrowser.Stop done = browser.submit(setup.issuer() + "/login-actions/route",
                Map.of("login", loginId, "idp", "secondary"), SignOnSetup.REDIRECT_URI);
        assertTrue(done.atSuite());
        assertTrue(done.query().containsKey("code"));
    }

    @Test
    void chooserRefusesAProviderItDidNotOffer() {
        AdminApi.admin().body(op.idpJson("secondary", null))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        AdminApi.admin().body(op.idpJson("switched-off", null).replace("\"providerId\"", "\"enabled\":false,\"providerId\""))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        SuiteBrowser browser = new SuiteBrowser();
        String page = browser.open(setup.authorizeUrl("login_hint=" + SuiteBrowser.enc(setup.user("alice"))),
                SignOnSetup.REDIRECT_URI).page().body();
        String loginId = page.replaceAll("(?s).*name=\"login\" value=\"([^\"]+)\".*", "$1");
        SuiteBrowser.Stop refused = browser.submit(setup.issuer() + "/login-actions/route",
                Map.of("login", loginId, "idp", "switched-off"), SignOnSetup.REDIRECT_URI);
        assertFalse(refused.atSuite());
        assertEquals(400, refused.page().statusCode());
    }

    @Test
    void kcIdpHintSelectsAnEnabledProvider() {
        AdminApi.admin().body(op.idpJson("secondary", null))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        SuiteBrowser.Stop done = new SuiteBrowser().open(setup.authorizeUrl("kc_idp_hint=secondary&login_hint="
                + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI);
        assertTrue(done.atSuite(), "no chooser when the hint names an enabled provider");
    }

    @Test
    void withoutALoginHintTheIdentifierFirstPageRoutes() {
        SuiteBrowser browser = new SuiteBrowser();
        SuiteBrowser.Stop first = browser.open(setup.authorizeUrl(""), SignOnSetup.REDIRECT_URI);
        assertFalse(first.atSuite());
        String page = first.page().body();
        assertTrue(page.contains("<label for=\"username\">"), page);
        String loginId = page.replaceAll("(?s).*name=\"login\" value=\"([^\"]+)\".*", "$1");
        SuiteBrowser.Stop unknown = browser.submit(setup.issuer() + "/login-actions/route",
                Map.of("login", loginId, "username", "bob@unknown-" + UUID.randomUUID() + ".example"), SignOnSetup.REDIRECT_URI);
        assertEquals(400, unknown.page().statusCode());
        SuiteBrowser.Stop done = browser.submit(setup.issuer() + "/login-actions/route",
                Map.of("login", loginId, "username", setup.user("alice")), SignOnSetup.REDIRECT_URI);
        assertTrue(done.atSuite());
        assertEquals(setup.user("alice"), op.lastLoginHint());
    }

    @Test
    void aLoginHintOfAnUnknownDomainShowsAnErrorPage() {
        SuiteBrowser.Stop stop = new SuiteBrowser().open(setup.authorizeUrl("login_hint=bob%40nowhere.example"),
                SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite());
        assertEquals(404, stop.page().statusCode());
    }

    @Test
    void aPendingLoginCannotBeFinishedInAnotherBrowser() {
        SuiteBrowser.Stop first = new SuiteBrowser().open(setup.authorizeUrl(""), SignOnSetup.REDIRECT_URI);
        String loginId = first.page().body().replaceAll("(?s).*name=\"login\" value=\"([^\"]+)\".*", "$1");
        SuiteBrowser.Stop stolen = new SuiteBrowser().open(setup.issuer() + "/login-actions/route?login=" + loginId,
                SignOnSetup.REDIRECT_URI);
        assertEquals(400, stolen.page().statusCode());
        assertTrue(stolen.page().body().contains("another browser"));
    }
}
