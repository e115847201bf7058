package cloud.federation.realm.pages;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginPagesTest {

    private static PageContext context(PageLanguage language, String logo) {
        return new PageContext(language, false, "Contoso <Ltd>", logo, "/realms/c/login-actions/route?login=abc", true);
    }

    private static String html(Response response) {
        return (String) response.getEntity();
    }

    @Test
    void pagesAreInTheChosenLanguageAndSaySo() {
        String page = html(LoginPages.identifierFirst(context(PageLanguage.DE, null), "/a", "l", null));
        assertTrue(page.startsWith("<!DOCTYPE html><html lang=\"de\">"), page);
        assertTrue(page.contains("Bei Contoso &lt;Ltd&gt; anmelden"), page);
        assertTrue(page.contains("<label for=\"username\">Geschäftliche E-Mail-Adresse</label>"), page);
        assertEquals("de", LoginPages.identifierFirst(context(PageLanguage.DE, null), "/a", "l", null)
                .getHeaderString("Content-Language"));
    }

    @Test
    void theIdentifierFieldIsLabelledAndItsErrorLinked() {
        String clean = html(LoginPages.identifierFirst(context(PageLanguage.EN, null), "/a", "l", null));
        assertTrue(clean.contains("type=\"email\" autocomplete=\"username\""), clean);
        assertTrue(clean.contains("autofocus"), clean);
        assertTrue(clean.contains("<button type=\"submit\">Continue</button>"), clean);
        assertFalse(clean.contains("aria-describedby"), "no error, nothing to describe");
        Response invalid = LoginPages.identifierFirst(context(PageLanguage.EN, null), "/a", "l",
                LoginPages.FieldError.MISSING_EMAIL);
        assertEquals(400, invalid.getStatus());
        assertTrue(html(invalid).contains("<p id=\"username-error\" role=\"alert\" class=\"error\">"));
        assertTrue(html(invalid).contains("aria-describedby=\"username-error\" aria-invalid=\"true\""));
    }

    @Test
    void theStyleKeepsFocusVisibleAndFitsNarrowScreens() {
        String page = html(LoginPages.identifierFirst(context(PageLanguage.EN, null), "/a", "l", null));
        assertTrue(page.contains(":focus-visible{outline:3px solid"), page);
        assertTrue(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(page.contains("max-width:32rem") && page.contains("box-sizing:border-box"));
        assertFalse(page.contains("<script") || page.contains("@import") || page.contains("url("), page);
    }

    @Test
    void theChooserOffersRealButtons() {
        String page = html(LoginPages.chooser(context(PageLanguage.IT, null), "/a", "l",
                List.of(new LoginPages.Choice("a\"b", "Entra <ID>"), new LoginPages.Choice("okta", "Okta"))));
        assertTrue(page.contains("<legend>Scegli come accedere:</legend>"), page);
        assertTrue(page.contains("<button type=\"submit\" name=\"idp\" value=\"a&quot;b\" autofocus>Entra &lt;ID&gt;</button>"),
                page);
        assertTrue(page.contains("value=\"okta\">Okta</button>"), page);
    }

    @Test
    void errorPagesEscapeArgumentsAndShowTheReference() {
        Response response = LoginPages.error(context(PageLanguage.FR, null), 404, LoginError.NO_SIGN_IN_FOR_DOMAIN,
                "ab<12>", "<script>x</script>.example");
        String page = html(response);
        assertEquals(404, response.getStatus());
        assertTrue(page.contains("&lt;script&gt;x&lt;/script&gt;.example"), page);
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("Référence pour l&#39;assistance : <code>ab&lt;12&gt;</code>"), page);
        assertTrue(page.contains("<p role=\"alert\">"), page);
    }

    @Test
    void anEnglishOnlyDetailIsEscapedAndMarkedEnglish() {
        String page = html(LoginPages.errorWithDetail(context(PageLanguage.ES, null), 400, LoginError.INVALID_REQUEST,
                "redirect_uri <bad>"));
        assertTrue(page.contains("Detalles: <span lang=\"en\">redirect_uri &lt;bad&gt;</span>"), page);
    }

    @Test
    void theSwitchListsEveryLanguageInItsOwnNameAndMarksTheCurrentOne() {
        String page = html(LoginPages.error(context(PageLanguage.DE, null), 400, LoginError.EXPIRED, null));
        assertTrue(page.contains("<nav aria-label=\"Sprache\">"), page);
        assertTrue(page.contains("href=\"/realms/c/login-actions/route?login=abc&amp;lang=it\" hreflang=\"it\" lang=\"it\">"
                + "Italiano</a>"), page);
        assertTrue(page.contains("lang=\"de\" aria-current=\"true\">Deutsch</a>"), page);
        assertTrue(page.contains(">Español</a>") && page.contains(">Français</a>") && page.contains(">English</a>"));
    }

    @Test
    void theSwitchNeverLeavesTheServer() {
        for (String target : new String[]{"//evil.example/x", "https://evil.example/x", "evil.example", null}) {
            PageContext context = new PageContext(PageLanguage.EN, false, "C", null, target, true);
            String page = html(LoginPages.error(context, 400, LoginError.EXPIRED, null));
            assertFalse(page.contains("evil.example"), page);
            assertTrue(page.contains("href=\"?lang=de\""), page);
        }
    }

    @Test
    void onlyAnExplicitChoiceSetsTheLanguageCookie() {
        PageContext chosen = new PageContext(PageLanguage.IT, true, "C", null, "/x", false);
        String cookie = LoginPages.error(chosen, 400, LoginError.EXPIRED, null).getHeaderString("Set-Cookie");
        assertTrue(cookie != null && cookie.contains("federation_lang=it"), cookie);
        assertNull(LoginPages.error(context(PageLanguage.IT, null), 400, LoginError.EXPIRED, null)
                .getHeaderString("Set-Cookie"));
    }

    @Test
    void theLogoIsShownWithTheRealmNameAndAllowedByTheCsp() {
        Response response = LoginPages.identifierFirst(context(PageLanguage.EN, "https://cdn.contoso.example:8443/logo.png?v=1&x=\"y"),
                "/a", "l", null);
        String page = html(response);
        assertFalse(page.contains("<img"), "a URL with a quote is not a URL: " + page);
        response = LoginPages.identifierFirst(context(PageLanguage.EN, "https://CDN.contoso.example:8443/logo.png?v=1&x=2"),
                "/a", "l", null);
        page = html(response);
        assertTrue(page.contains("<img src=\"https://CDN.contoso.example:8443/logo.png?v=1&amp;x=2\" alt=\"Contoso &lt;Ltd&gt;\">"),
                page);
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src https://cdn.contoso.example:8443; "
                + "frame-ancestors 'none'", response.getHeaderString("Content-Security-Policy"));
    }

    @Test
    void withoutAValidLogoNoImageLoads() {
        for (String logo : new String[]{null, "", "http://contoso.example/logo.png", "javascript:alert(1)",
                "https://user@contoso.example/logo.png", "https:///logo.png", "https://c.example/" + "a".repeat(2048)}) {
            Response response = LoginPages.identifierFirst(context(PageLanguage.EN, logo), "/a", "l", null);
            assertFalse(html(response).contains("<img"), logo);
            assertFalse(response.getHeaderString("Content-Security-Policy").contains("img-src"), logo);
        }
        assertTrue(PageContext.validLogoUrl("https://c.example/" + "a".repeat(2048 - 18)).isPresent());
        assertFalse(PageContext.validLogoUrl("https://c.example/" + "a".repeat(2048 - 17)).isPresent());
    }
}
