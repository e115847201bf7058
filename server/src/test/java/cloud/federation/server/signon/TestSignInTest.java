package cloud.federation.server.signon;

import cloud.federation.realm.login.AuthorizationCodeEntity;
import cloud.federation.realm.login.FederatedUserEntity;
import cloud.federation.realm.login.LoginEventEntity;
import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.login.TestSignInStartEntity;
import cloud.federation.realm.secrets.Digests;
import cloud.federation.saml.ResponseFixture;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.HtmlBrowser;
import cloud.federation.server.support.KeycloakIdp;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.LoopbackSamlIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin's test sign-in: a one-time link runs a real login through the identity provider (a real Keycloak over
 * SAML, or a loopback SAML IdP that misbehaves) and shows the checks and the claims, creating no user, session or code.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class TestSignInTest {

    static KeycloakIdp keycloak;

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

    static String startUrl(String token, String realm, String alias) {
        Response response = AdminApi.as(token).post("/admin/realms/" + realm + "/identity-provider/instances/" + alias
                + "/test-sign-in");
        response.then().statusCode(200);
        int expiresIn = response.path("expiresIn");
        assertTrue(expiresIn > 0 && expiresIn <= 300, "short-lived: " + expiresIn);
        String url = response.path("url");
        assertTrue(url.startsWith(RestAssured.baseURI + ":" + RestAssured.port + "/realms/" + realm + "/broker/" + alias
                + "/test-sign-in?token="), url);
        assertTrue(url.substring(url.indexOf("token=") + 6).length() >= 22, "at least 128 random bits");
        return url;
    }

    static long count(Class<?> entity, String realm) {
        return QuarkusTransaction.requiringNew().call(() -> switch (entity.getSimpleName()) {
            case "FederatedUserEntity" -> FederatedUserEntity.count("realm.name", realm);
            case "LoginSessionEntity" -> LoginSessionEntity.count("realm.name", realm);
            case "AuthorizationCodeEntity" -> AuthorizationCodeEntity.count("realm.name", realm);
            default -> throw new IllegalArgumentException(entity.getName());
        });
    }

    static List<LoginEventEntity> events(String realm, String type) {
        return QuarkusTransaction.requiringNew().call(() -> LoginEventEntity.<LoginEventEntity>list(
                "realmName = ?1 and type = ?2", realm, type));
    }

    @Test
    void keycloakSamlTestSignInShowsChecksAndClaimsAndCreatesNothing() throws Exception {
        SignOnSetup setup = SignOnSetup.create("tsi-kc", null);
        Map<String, String> config = AdminApi.admin()
                .body("{\"providerId\":\"saml\",\"fromUrl\":\"" + keycloak.samlDescriptorUrl() + "\"}")
                .post("/admin/realms/" + setup.realm + "/identity-provider/import-config")
                .then().statusCode(200).extract().as(Map.class);
        config.put("postBindingAuthnRequest", "false");
        AdminApi.admin().body(Map.of("alias", "customer-saml", "providerId", "saml", "displayName", "Customer SAML",
                "config", config)).post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        keycloak.registerSamlServiceProvider(RestAssured.get("/realms/" + setup.realm
                + "/broker/customer-saml/endpoint/descriptor").then().statusCode(200).extract().asString(), false);
        String email = setup.user("dave");
        keycloak.addUser("dave", email, "Test-Sign-In-1");

        String url = startUrl(AdminApi.token(), setup.realm, "customer-saml");
        String result;
        try (HtmlBrowser html = new HtmlBrowser(true)) {
            WebClient browser = html.client;
            HtmlPage login = browser.getPage(url);
            assertTrue(login.getUrl().toString().startsWith(keycloak.issuer()), "at Keycloak: " + login.getUrl());
            HtmlForm form = login.getHtmlElementById("kc-form-login");
            form.getInputByName("username").type(email);
            form.getInputByName("password").type("Test-Sign-In-1");
            login.<HtmlElement>getHtmlElementById("kc-login").click();
            browser.waitForBackgroundJavaScript(5_000);
            assertNotNull(html.postedToUs("SAMLResponse"), "Keycloak posted its Response to our ACS");
            HtmlPage page = (HtmlPage) browser.getCurrentWindow().getEnclosedPage();
            assertEquals("no-store", page.getWebResponse().getResponseHeaderValue("Cache-Control"));
            assertTrue(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy").startsWith("default-src 'none'"));
            result = page.getWebResponse().getContentAsString();
            assertNotNull(page.getHtmlElementById("claims"));
            assertNull(html.suiteLanding(), "no suite was involved");
        }
        assertTrue(result.contains("every check passed"), result);
        for (String check : List.of("Signature (response or assertion)", "Audience is our entity id", "Time window",
                "Replay (assertion not used before)", "Browser binding", "Domain binding")) {
            assertTrue(result.matches("(?s).*<tr class=\"passed\"><td lang=\"en\">" + java.util.regex.Pattern.quote(check)
                    + "[^<]*</td>.*"), check + " passed: " + result);
        }
        assertFalse(result.contains("class=\"failed\""), result);
        assertFalse(result.contains("class=\"not_run\""), result);
        assertTrue(result.contains("<code>email</code></td><td><code>" + email + "</code>"), result);
        assertTrue(result.contains("<code>idp</code></td><td><code>customer-saml</code>"), result);
        assertTrue(result.contains("<code>iss</code></td><td><code>" + setup.issuer() + "</code>"), result);
        assertTrue(result.contains("<code>sub</code></td><td><em>assigned at this user's first real sign-in</em>")
                || result.contains("<code>sub</code></td><td><em>assigned at this user&#39;s first real sign-in</em>"), result);

        assertEquals(0, count(FederatedUserEntity.class, setup.realm), "no federated user");
        assertEquals(0, count(LoginSessionEntity.class, setup.realm), "no session");
        assertEquals(0, count(AuthorizationCodeEntity.class, setup.realm), "no authorization code");
        List<LoginEventEntity> tested = events(setup.realm, "LOGIN_TEST");
        assertEquals(1, tested.size());
        assertEquals(setup.domain, tested.get(0).emailDomain, "the domain is logged, never the user");
        assertEquals(null, tested.get(0).userId);

        // Single use: the same link again is the plain expired page, never a new login.
        RestAssured.given().redirects().follow(false).get(url).then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("Sign-in expired"));
        assertEquals(1, events(setup.realm, "LOGIN_TEST_ERROR").size());

        List<Map<String, Object>> audit = AdminApi.admin().get("/admin/realms/" + setup.realm
                + "/admin-events?resourceTypes=IDENTITY_PROVIDER_TEST_SIGN_IN").then().statusCode(200).extract().path("$");
        assertEquals(1, audit.size());
        assertEquals("identity-provider/instances/customer-saml/test-sign-in", audit.get(0).get("resourcePath"));
        assertFalse(String.valueOf(audit.get(0)).contains(url.substring(url.indexOf("token=") + 6)), "no token in the log");
    }

    @Test
    void onlyTheRealmsAdministratorsMayStartOne() {
        SignOnSetup setup = SignOnSetup.create("tsi-auth", null);
        SignOnSetup other = SignOnSetup.create("tsi-other", null);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp(setup.user("erin"))) {
            AdminApi.admin().body(IdpErrorPageTest.samlIdpJson("corp", idp)).post("/admin/realms/" + setup.realm
                    + "/identity-provider/instances").then().statusCode(201);
            String username = "admin-of-" + other.realm;
            AdminApi.createRealmAdmin(other.realm, username, "other-admin-password");
            String otherAdmin = AdminApi.token(username, "other-admin-password");
            AdminApi.as(otherAdmin).post("/admin/realms/" + setup.realm + "/identity-provider/instances/corp/test-sign-in")
                    .then().statusCode(403).contentType(containsString("application/problem+json"));
            RestAssured.given().post("/admin/realms/" + setup.realm + "/identity-provider/instances/corp/test-sign-in")
                    .then().statusCode(401);
            AdminApi.admin().post("/admin/realms/" + setup.realm + "/identity-provider/instances/nope/test-sign-in")
                    .then().statusCode(404).contentType(containsString("application/problem+json"))
                    .body("status", equalTo(404));
            RestAssured.given().redirects().follow(false).get(setup.issuer() + "/broker/corp/test-sign-in?token=made-up")
                    .then().statusCode(400).body(containsString("Sign-in expired"));
        }
    }

    @Test
    void refusedAssertionsShowTheFailingCheck() {
        SignOnSetup setup = SignOnSetup.create("tsi-refused", null);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp(setup.user("erin"))) {
            AdminApi.admin().body(IdpErrorPageTest.samlIdpJson("corp", idp)).post("/admin/realms/" + setup.realm
                    + "/identity-provider/instances").then().statusCode(201);

            String audience = refused(setup, idp, f -> f.audience = "https://other-sp.example");
            assertTrue(audience.contains("<code id=\"reason\">saml_audience_mismatch</code>"), audience);
            assertTrue(audience.contains("<tr class=\"failed\"><td lang=\"en\">Audience is our entity id</td>"), audience);
            assertTrue(audience.contains("<tr class=\"passed\"><td lang=\"en\">Signature"), "checked before: " + audience);
            assertTrue(audience.contains("<tr class=\"not_run\"><td lang=\"en\">Domain binding"), audience);

            String signature = refused(setup, idp, f -> f.signer = ResponseFixture.ATTACKER);
            assertTrue(signature.contains("<code id=\"reason\">saml_signature_invalid</code>"), signature);
            assertTrue(signature.contains("<tr class=\"failed\"><td lang=\"en\">Signature"), signature);

            idp.tweakResponses(f -> { }).answerWithError(null, "Account <b>disabled</b>");
            String idpError = refused(setup, idp, f -> { });
            assertTrue(idpError.contains("<code id=\"reason\">status_not_success</code>"), idpError);
            assertTrue(idpError.contains("Account &lt;b&gt;disabled&lt;/b&gt;"), idpError);

            // Every SAML check passes, but the address is not in a domain of this realm.
            idp.answerWithoutError();
            String domain = refused(setup, idp, f -> {
                f.nameId = "erin@elsewhere.example";
                f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", f.nameId);
            });
            assertTrue(domain.contains("<code id=\"reason\">email_domain_not_in_realm</code>"), domain);
            assertTrue(domain.contains("<tr class=\"passed\"><td lang=\"en\">Replay"), domain);
            assertTrue(domain.contains("<tr class=\"failed\"><td lang=\"en\">Domain binding"), domain);
            assertFalse(domain.contains("erin@elsewhere.example"), "no claims, no address for a refused sign-in");

            List<LoginEventEntity> refusals = events(setup.realm, "LOGIN_TEST_ERROR");
            assertEquals(4, refusals.size());
            assertTrue(refusals.stream().anyMatch(e -> "email_domain_not_in_realm".equals(e.reason)
                    && "elsewhere.example".equals(e.emailDomain)), "the domain is logged, not the address");
            assertEquals(0, events(setup.realm, "LOGIN_TEST").size());
            assertEquals(0, count(FederatedUserEntity.class, setup.realm));
        }
    }

    @Test
    void anExpiredLinkShowsTheExpiredPage() {
        SignOnSetup setup = SignOnSetup.create("tsi-expired", null);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp(setup.user("erin"))) {
            AdminApi.admin().body(IdpErrorPageTest.samlIdpJson("corp", idp)).post("/admin/realms/" + setup.realm
                    + "/identity-provider/instances").then().statusCode(201);
            String url = startUrl(AdminApi.token(), setup.realm, "corp");
            String hash = Digests.sha256Hex(url.substring(url.indexOf("token=") + 6));
            QuarkusTransaction.requiringNew().run(() -> TestSignInStartEntity.update("expiresAt = ?1 where tokenHash = ?2",
                    Instant.now().minusSeconds(1), hash));
            RestAssured.given().redirects().follow(false).get(url).then().statusCode(400)
                    .contentType(containsString("text/html")).body(containsString("Sign-in expired"));
        }
    }

    @Test
    void oidcTestSignInShowsTheIdTokenChecksAndTheProfileClaims() {
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("tsi-oidc", op.idpJson("upstream", null));
            op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("frank"), true, "Frank Example"));
            SuiteBrowser.Stop stop = new SuiteBrowser().open(startUrl(AdminApi.token(), setup.realm, "upstream"),
                    SignOnSetup.REDIRECT_URI);
            assertFalse(stop.atSuite());
            String result = stop.page().body();
            assertEquals(200, stop.page().statusCode(), result);
            for (String check : List.of("ID token signature", "ID token issuer", "ID token audience",
                    "ID token time window", "Nonce", "Domain binding")) {
                assertTrue(result.contains("<tr class=\"passed\"><td lang=\"en\">" + check), check + ": " + result);
            }
            assertTrue(result.contains("<code>email</code></td><td><code>" + setup.user("frank") + "</code>"), result);
            assertTrue(result.contains("<code>name</code></td><td><code>Frank Example</code>"), result);
            assertTrue(result.contains("<code>amr</code></td><td><code>pwd</code>"), result);
            assertTrue(result.contains("<code>email_verified</code></td><td><code>true</code>"), result);
            assertEquals(0, count(FederatedUserEntity.class, setup.realm));

            // After a real sign-in the user exists, and the test shows the sub the suite already knows.
            SuiteBrowser.Stop real = new SuiteBrowser().open(setup.authorizeUrl("state=s&login_hint="
                    + SuiteBrowser.enc(setup.user("frank"))), SignOnSetup.REDIRECT_URI);
            assertTrue(real.atSuite(), () -> real.page().body());
            String userId = QuarkusTransaction.requiringNew().call(() -> FederatedUserEntity.<FederatedUserEntity>find(
                    "realm.name", setup.realm).firstResult().id);
            String again = new SuiteBrowser().open(startUrl(AdminApi.token(), setup.realm, "upstream"),
                    SignOnSetup.REDIRECT_URI).page().body();
            assertTrue(again.contains("<code>sub</code></td><td><code>" + userId + "</code>"), again);
        }
    }

    /** Runs a test sign-in through the loopback IdP with its Responses changed; answers the result page. */
    private static String refused(SignOnSetup setup, LoopbackSamlIdp idp, Consumer<ResponseFixture> change) {
        idp.tweakResponses(change);
        SuiteBrowser browser = new SuiteBrowser();
        SuiteBrowser.Stop atIdp = browser.open(startUrl(AdminApi.token(), setup.realm, "corp"), idp.ssoUrl());
        assertTrue(atIdp.atSuite(), () -> "redirected to the IdP: " + atIdp.page().statusCode() + atIdp.page().body());
        SuiteBrowser.Stop result = IdpErrorPageTest.postIdpForm(browser, atIdp.location(), SignOnSetup.REDIRECT_URI);
        assertFalse(result.atSuite(), "a test never answers a suite");
        assertEquals(200, result.page().statusCode(), result.page().body());
        assertTrue(result.page().body().contains("The sign-in was refused"), result.page().body());
        assertFalse(result.page().body().contains("id=\"claims\""), "no claims for a refused sign-in");
        return result.page().body();
    }
}
