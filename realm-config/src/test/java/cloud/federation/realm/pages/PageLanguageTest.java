package cloud.federation.realm.pages;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageLanguageTest {

    @Test
    void regionalVariantsUseTheirLanguage() {
        assertEquals(PageLanguage.DE, PageLanguage.fromAcceptLanguage("de-CH"));
        assertEquals(PageLanguage.FR, PageLanguage.fromAcceptLanguage("fr_CA"));
        assertEquals(PageLanguage.ES, PageLanguage.fromAcceptLanguage("ES-419"));
    }

    @Test
    void highestQualityWinsAndTheEarlierEntryOnATie() {
        assertEquals(PageLanguage.IT, PageLanguage.fromAcceptLanguage("de;q=0.5, it;q=0.9, fr;q=0.7"));
        assertEquals(PageLanguage.FR, PageLanguage.fromAcceptLanguage("fr, de"));
        assertEquals(PageLanguage.DE, PageLanguage.fromAcceptLanguage("de;q=0.8, fr;q=0.8"));
        assertEquals(PageLanguage.ES, PageLanguage.fromAcceptLanguage("es ; Q=1.0, en;q=0.9"));
    }

    @Test
    void languagesWeDoNotSpeakAreSkipped() {
        assertEquals(PageLanguage.DE, PageLanguage.fromAcceptLanguage("ja, zh-CN;q=0.9, de;q=0.2"));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("ja, pt-BR"));
    }

    @Test
    void zeroOrMalformedQualityNeverSelects() {
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("de;q=0"));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("de;q=abc"));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("de;q=7"));
        assertEquals(PageLanguage.IT, PageLanguage.fromAcceptLanguage("de;q=0, it;q=0.1"));
    }

    @Test
    void wildcardStandsForEnglish() {
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("*"));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage("fr;q=0.5, *;q=0.9"));
        assertEquals(PageLanguage.FR, PageLanguage.fromAcceptLanguage("fr, *;q=0.1"));
    }

    @Test
    void noOrEmptyHeaderIsEnglish() {
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage(null));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage(" "));
        assertEquals(PageLanguage.EN, PageLanguage.fromAcceptLanguage(",;,"));
    }

    @Test
    void theSwitchBeatsTheRememberedChoiceWhichBeatsTheHeader() {
        assertEquals(PageLanguage.IT, PageLanguage.choose("it", "fr", "de"));
        assertEquals(PageLanguage.FR, PageLanguage.choose(null, "fr", "de"));
        assertEquals(PageLanguage.DE, PageLanguage.choose(null, null, "de"));
        assertEquals(PageLanguage.EN, PageLanguage.choose(null, null, null));
    }

    @Test
    void anUnknownSwitchOrCookieFallsThrough() {
        assertEquals(PageLanguage.DE, PageLanguage.choose("xx", "<script>", "de"));
        assertEquals(PageLanguage.FR, PageLanguage.choose("", "fr", "de"));
    }

    @Test
    void uiLocalesTakesTheFirstLanguageWeSpeak() {
        assertEquals(Optional.of(PageLanguage.ES), PageLanguage.firstOf("ja  es-MX fr"));
        assertEquals(Optional.empty(), PageLanguage.firstOf("ja ko"));
        assertEquals(Optional.empty(), PageLanguage.firstOf(null));
    }

    @Test
    void theRememberingCookieIsHttpOnlyLaxAndSiteWide() {
        var cookie = PageLanguage.DE.cookie(true);
        assertEquals("federation_lang", cookie.getName());
        assertEquals("de", cookie.getValue());
        assertEquals("/", cookie.getPath());
        assertEquals(true, cookie.isHttpOnly());
        assertEquals(true, cookie.isSecure());
        assertEquals(jakarta.ws.rs.core.NewCookie.SameSite.LAX, cookie.getSameSite());
    }
}
