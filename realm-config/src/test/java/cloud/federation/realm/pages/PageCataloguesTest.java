package cloud.federation.realm.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every language says everything: a key missing in one catalogue fails here, not in front of a user. */
class PageCataloguesTest {

    private static final Pattern KEY = Pattern.compile("\\b(signin|identifier|chooser|language|error)\\.[a-z][a-z.-]+");

    static Properties catalogue(PageLanguage language) throws IOException {
        String name = "/cloud/federation/realm/pages/messages" + (language == PageLanguage.EN ? "" : "_" + language.tag())
                + ".properties";
        try (InputStream in = PageCataloguesTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            // Strict: ResourceBundle would silently re-read a malformed file as ISO-8859-1 and garble the accents.
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            return properties;
        } catch (CharacterCodingException e) {
            throw new AssertionError(name + " is not UTF-8", e);
        }
    }

    @Test
    void everyCatalogueHasExactlyTheEnglishKeys() throws IOException {
        Set<String> english = new TreeSet<>(catalogue(PageLanguage.EN).stringPropertyNames());
        for (PageLanguage language : PageLanguage.values()) {
            Properties properties = catalogue(language);
            assertEquals(english, new TreeSet<>(properties.stringPropertyNames()), language + " catalogue keys");
            for (String key : english) {
                assertFalse(properties.getProperty(key).isBlank(), language + " " + key);
            }
        }
    }

    @Test
    void everyErrorHasATitleAndTextInEveryLanguage() throws IOException {
        for (PageLanguage language : PageLanguage.values()) {
            Properties properties = catalogue(language);
            for (LoginError error : LoginError.values()) {
                assertNotNull(properties.getProperty(error.titleKey()), language + " " + error.titleKey());
                assertNotNull(properties.getProperty(error.textKey()), language + " " + error.textKey());
            }
            for (LoginPages.FieldError error : LoginPages.FieldError.values()) {
                assertNotNull(properties.getProperty(error.key()), language + " " + error.key());
            }
        }
    }

    @Test
    void translationsAreNotLeftInEnglish() throws IOException {
        Properties english = catalogue(PageLanguage.EN);
        for (PageLanguage language : List.of(PageLanguage.IT, PageLanguage.DE, PageLanguage.FR, PageLanguage.ES)) {
            Properties properties = catalogue(language);
            for (String key : english.stringPropertyNames()) {
                if (key.equals("error.detail")) {
                    continue; // "Details:" is German too
                }
                assertNotEquals(english.getProperty(key), properties.getProperty(key), language + " " + key);
            }
        }
    }

    @Test
    void placeholdersMatchTheEnglishText() throws IOException {
        Properties english = catalogue(PageLanguage.EN);
        Pattern placeholder = Pattern.compile("\\{\\d}");
        for (PageLanguage language : PageLanguage.values()) {
            Properties properties = catalogue(language);
            for (String key : english.stringPropertyNames()) {
                assertEquals(placeholders(placeholder, english.getProperty(key)),
                        placeholders(placeholder, properties.getProperty(key)), language + " " + key);
            }
        }
    }

    private static Set<String> placeholders(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void noPageShowsARawKeyInAnyLanguage() {
        for (PageLanguage language : PageLanguage.values()) {
            PageContext context = new PageContext(language, false, "Contoso", null, "/x", true);
            assertNoKey(LoginPages.identifierFirst(context, "/a", "l", null));
            for (LoginPages.FieldError error : LoginPages.FieldError.values()) {
                assertNoKey(LoginPages.identifierFirst(context, "/a", "l", error));
            }
            assertNoKey(LoginPages.chooser(context, "/a", "l", List.of(new LoginPages.Choice("a", "A"))));
            for (LoginError error : LoginError.values()) {
                assertNoKey(LoginPages.error(context, 400, error, "ref12345", "example.com"));
            }
            assertNoKey(LoginPages.errorWithDetail(context, 400, LoginError.INVALID_REQUEST, "redirect_uri"));
        }
    }

    @Test
    void theKeyCheckWouldSeeARawKey() {
        assertTrue(KEY.matcher("<p>error.expired.title</p>").find());
        assertThrows(IllegalArgumentException.class, () -> PageMessages.of(PageLanguage.DE).html("error.no-such-key"));
    }

    private static void assertNoKey(jakarta.ws.rs.core.Response response) {
        String html = (String) response.getEntity();
        assertFalse(KEY.matcher(html).find(), html);
        assertFalse(html.contains("{0}"), html);
    }
}
