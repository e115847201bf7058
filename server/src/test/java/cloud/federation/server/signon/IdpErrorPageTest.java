package cloud.federation.server.signon;

import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.LoopbackSamlIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.AdminApi;
import cloud.federation.saml.ResponseFixture;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the identity provider itself refuses (OIDC {@code error}, SAML non-success status), the user reads its own
 * message on our error page, as text, and a link hands the OAuth error and state to the suite's registered redirect.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class IdpErrorPageTest {

    static final String HOSTILE = "Not assigned <script>alert(1)</script> to this app";
    static final String HOSTILE_AS_TEXT = "Not assigned &lt;script&gt;alert(1)&lt;/script&gt; to this app";

    @Test
    void oidcErrorDescriptionIsShownAndTheLinkReturnsTheErrorToTheSuite() {
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("idperr-oidc", op.idpJson("upstream", null));
            op.answerWithError("access_denied", HOSTILE);
            SuiteBrowser.Stop stop = new SuiteBrowser().open(setup.authorizeUrl("state=st-oidc&login_hint="
                    + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI);
            assertFalse(stop.atSuite(), "the user sees the IdP's message before going back");
            assertErrorPage(stop.page(), setup, "st-oidc", "access_denied");
        }
    }

    @Test
    void samlStatusMessageIsShownAndTheLinkReturnsTheErrorToTheSuite() {
        SignOnSetup setup = SignOnSetup.create("idperr-saml", null);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp(setup.user("alice"))) {
            AdminApi.admin().body(samlIdpJson("corp", idp)).post("/admin/realms/" + setup.realm
                    + "/identity-provider/instances").then().statusCode(201);
            idp.answerWithError("urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", HOSTILE);
            SuiteBrowser browser = new SuiteBrowser();
            SuiteBrowser.Stop atIdp = browser.open(setup.authorizeUrl("state=st-saml&login_hint="
                    + SuiteBrowser.enc(setup.user("alice"))), idp.ssoUrl());
            assertTrue(atIdp.atSuite(), () -> "redirected to the IdP: " + atIdp.page().body());
            SuiteBrowser.Stop stop = postIdpForm(browser, atIdp.location(), SignOnSetup.REDIRECT_URI);
            assertFalse(stop.atSuite());
            assertErrorPage(stop.page(), setup, "st-saml", "access_denied");
        }
    }

    static String samlIdpJson(String alias, LoopbackSamlIdp idp) {
        return "{\"alias\":\"" + alias + "\",\"providerId\":\"saml\",\"displayName\":\"Corp SAML\",\"config\":{"
                + "\"singleSignOnServiceUrl\":\"" + idp.ssoUrl() + "\",\"idpEntityId\":\"" + ResponseFixture.IDP + "\","
                + "\"signingCertificate\":\"" + idp.certificate() + "\",\"postBindingAuthnRequest\":\"false\"}}";
    }

    /** Plays the browser's part in the IdP's HTTP-POST form: fetch it, post its fields to its action. */
    static SuiteBrowser.Stop postIdpForm(SuiteBrowser browser, URI idpUrl, String stopAt) {
        String form = browser.send(HttpRequest.newBuilder(idpUrl).GET().build()).body();
        return browser.submit(field(form, "action=\"([^\"]+)\""), Map.of(
                "SAMLResponse", field(form, "name=\"SAMLResponse\" value=\"([^\"]*)\""),
                "RelayState", field(form, "name=\"RelayState\" value=\"([^\"]*)\"")), stopAt);
    }

    static String field(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), () -> regex + " not in " + html);
        return m.group(1);
    }

    static void assertErrorPage(HttpResponse<String> page, SignOnSetup setup, String state, String error) {
        String html = page.body();
        assertEquals(400, page.statusCode(), html);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertTrue(html.contains("Your identity provider reported an error"), html);
        assertTrue(html.contains(HOSTILE_AS_TEXT), () -> "the IdP's message, escaped: " + html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.matches("(?s).*Support reference: <code>[0-9a-f]{8}</code>.*"), html);
        URI back = URI.create(field(html, "id=\"return-to-application\" href=\"([^\"]+)\"").replace("&amp;", "&"));
        assertTrue(back.toString().startsWith(SignOnSetup.REDIRECT_URI + "?"), back.toString());
        Map<String, String> query = LoopbackOp.uriQuery(back);
        assertEquals(error, query.get("error"));
        assertEquals(state, query.get("state"));
        assertEquals(setup.issuer(), query.get("iss"));
        assertFalse(query.containsKey("code"));
    }

    @Test
    void oidcErrorWithoutDescriptionShowsTheErrorCode() {
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("idperr-bare", op.idpJson("upstream", null));
            op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
            op.answerWithError("temporarily_unavailable", null);
            SuiteBrowser.Stop stop = new SuiteBrowser().open(setup.authorizeUrl("state=st-bare&login_hint="
                    + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI);
            assertFalse(stop.atSuite());
            assertTrue(stop.page().body().contains("<p class=\"idp-message\">temporarily_unavailable</p>"), stop.page().body());
            URI back = URI.create(field(stop.page().body(), "id=\"return-to-application\" href=\"([^\"]+)\"")
                    .replace("&amp;", "&"));
            assertEquals("temporarily_unavailable", LoopbackOp.uriQuery(back).get("error"), "passed on unchanged");
        }
    }
}
