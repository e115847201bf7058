package cloud.federation.server.signon;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.HtmlBrowser;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignInPagesFixture;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlEmailInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What end users see, in their language, with the realm's name and logo, walked in a real (headless) browser. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SignInPagesTest {

    private static final String LOGO = SignInPagesFixture.LOGO;

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
        setup = SignInPagesFixture.realm(op, LOGO);
    }

    private static HtmlBrowser browser(String acceptLanguage) {
        HtmlBrowser browser = new HtmlBrowser(false);
        browser.client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.client.getOptions().setDownloadImages(false);
        if (acceptLanguage != null) {
            browser.client.addRequestHeader("Accept-Language", acceptLanguage);
        }
        return browser;
    }

    private static String lang(HtmlPage page) {
        return page.getDocumentElement().getAttribute("lang");
    }

    @Test
    void identifierFirstThenChooserInGermanFromAcceptLanguage() throws IOException {
        SignInPagesFixture.addSecondProvider(op, setup);
        try (HtmlBrowser browser = browser("de-CH, en;q=0.5")) {
            HtmlPage first = browser.client.getPage(setup.authorizeUrl(""));
            assertEquals("de", lang(first));
            assertEquals("Bei Contoso Schweiz anmelden", first.querySelector("h1").getTextContent());
            DomElement label = first.querySelector("label[for=username]");
            assertEquals("Geschäftliche E-Mail-Adresse", label.getTextContent());
            HtmlEmailInput email = first.getHtmlElementById("username");
            assertEquals("username", email.getAttribute("autocomplete"));
            assertTrue(email.hasAttribute("autofocus"));
            DomElement logo = first.querySelector("header img");
            assertEquals(LOGO, logo.getAttribute("src"));
            assertEquals("Contoso Schweiz", logo.getAttribute("alt"));
            assertTrue(first.getWebResponse().getResponseHeaderValue("Content-Security-Policy")
                    .contains("img-src https://logos.contoso.example;"));

            email.type(setup.user("alice"));
            HtmlPage chooser = ((HtmlButton) first.querySelector("button[type=submit]")).click();
            assertEquals("de", lang(chooser));
            assertEquals("Wählen Sie, wie Sie sich anmelden:", chooser.querySelector("legend").getTextContent());
            List<String> offered = chooser.querySelectorAll("button[name=idp]").stream().map(DomElement.class::cast)
                    .map(DomElement::getTextContent).toList();
            assertEquals(List.of("Loopback OP", "Zweiter OP"), offered);

            ((HtmlButton) chooser.querySelector("button[value=secondary]")).click();
            assertNotNull(browser.suiteLanding(), "the chooser's button signs in");
            assertTrue(browser.suiteLanding().getQuery().contains("code="));
        }
    }

    @Test
    void anUnknownDomainIsExplainedInGerman() throws IOException {
        try (HtmlBrowser browser = browser("de")) {
            HtmlPage page = browser.client.getPage(setup.authorizeUrl("login_hint=bob%40nowhere.example"));
            assertEquals(404, page.getWebResponse().getStatusCode());
            assertEquals("de", lang(page));
            assertEquals("Keine Anmeldung für diese Domain", page.querySelector("h1").getTextContent());
            assertTrue(page.querySelector("[role=alert]").getTextContent().contains("nowhere.example"));
        }
    }

    @Test
    void theSwitchTurnsAnExpiredLoginItalianAndTheChoiceSticks() throws IOException {
        try (HtmlBrowser browser = browser("de")) {
            HtmlPage german = browser.client.getPage(setup.issuer() + "/login-actions/route?login=gone");
            assertEquals(400, german.getWebResponse().getStatusCode());
            assertEquals("Anmeldung abgelaufen", german.querySelector("h1").getTextContent());
            assertEquals("Sprache", german.<DomElement>querySelector("nav").getAttribute("aria-label"));

            HtmlPage italian = german.getAnchorByText("Italiano").click();
            assertEquals("it", lang(italian));
            assertEquals("Accesso scaduto", italian.querySelector("h1").getTextContent());
            assertTrue(italian.getUrl().getPath().endsWith("/login-actions/route"), "the switch stays on this server");
            Cookie remembered = browser.client.getCookieManager().getCookie("federation_lang");
            assertEquals("it", remembered.getValue());
            assertTrue(remembered.isHttpOnly());

            HtmlPage later = browser.client.getPage(setup.issuer() + "/login-actions/route?login=also-gone");
            assertEquals("it", lang(later), "the switch outranks Accept-Language");
        }
    }

    @Test
    void anUnknownLanguageFallsBackToEnglish() throws IOException {
        try (HtmlBrowser browser = browser("ja, pt-BR;q=0.8")) {
            HtmlPage page = browser.client.getPage(setup.issuer() + "/login-actions/route?login=gone&lang=xx");
            assertEquals("en", lang(page));
            assertEquals("Sign-in expired", page.querySelector("h1").getTextContent());
            assertEquals(null, browser.client.getCookieManager().getCookie("federation_lang"), "nothing to remember");
        }
    }

    @Test
    void theSuitesUiLocalesCarriesThroughTheLogin() {
        SuiteBrowser.Stop stop = new SuiteBrowser("de").open(setup.authorizeUrl("ui_locales=es-MX%20fr"),
                SignOnSetup.REDIRECT_URI);
        String page = stop.page().body();
        assertTrue(page.contains("<html lang=\"es\">"), page);
        assertTrue(page.contains("Iniciar sesión en Contoso Schweiz"), page);
    }

    @Test
    void theLogoMustBeAnHttpsUrlOfBoundedLength() {
        for (String bad : new String[]{"http://logos.contoso.example/brand.png", "javascript:alert(1)", "not a url",
                "https://logos.contoso.example/" + "a".repeat(2048)}) {
            AdminApi.admin().body("{\"attributes\":{\"loginLogoUrl\":\"" + bad + "\"}}")
                    .put("/admin/realms/" + setup.realm).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("loginLogoUrl"));
        }
        assertTrue(AdminApi.admin().get("/admin/realms/" + setup.realm).asString().contains(LOGO), "left unchanged");
        assertFalse(AdminApi.admin().get("/admin/realms/" + setup.realm).asString().contains("javascript"));
    }
}
