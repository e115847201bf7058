package cloud.federation.server.signon;

import cloud.federation.server.support.Chromium;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignInPagesFixture;
import cloud.federation.server.support.SignOnSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in pages in Debian's headless Chromium: what an end user sees in English and German (from
 * Accept-Language and from the page's own language switch), where the keyboard focus is, and that the keyboard alone
 * gets through. Every page is saved to {@code server/target/screenshots/}. {@link SignInPagesTest} checks the same
 * pages' markup, status codes and headers in HtmlUnit.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SignInPagesChromiumTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

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
        // No logo: Chromium here reaches nothing beyond loopback, and the screenshots should show the real page.
        setup = SignInPagesFixture.realm(op, null);
    }

    @Test
    void identifierFirstInEnglishThenGermanThroughTheSwitchThenTheChooserByKeyboard() {
        SignInPagesFixture.addSecondProvider(op, setup);
        try (Chromium chromium = new Chromium("en-US")) {
            chromium.open(setup.authorizeUrl(""));
            assertEquals("en", chromium.lang());
            assertEquals("Sign in to Contoso Schweiz", chromium.text(By.tagName("h1")));
            assertEquals("Work email", chromium.text(By.cssSelector("label[for=username]")));
            assertEquals("Continue", chromium.text(By.cssSelector("button[type=submit]")));
            assertTrue(chromium.driver.getTitle().startsWith("Sign in"), chromium.driver.getTitle());
            WebElement email = chromium.await(By.id("username"));
            assertEquals(email, chromium.focused(), "the address field has the focus on arrival");
            assertEquals("English", chromium.text(By.cssSelector("nav a[aria-current=true]")));
            screenshot(chromium, "signin-identifier-en");

            chromium.navigate(() -> chromium.await(By.linkText("Deutsch")).click());
            assertEquals("de", chromium.lang());
            assertEquals("Bei Contoso Schweiz anmelden", chromium.text(By.tagName("h1")));
            assertEquals("Geschäftliche E-Mail-Adresse", chromium.text(By.cssSelector("label[for=username]")));
            assertEquals("Weiter", chromium.text(By.cssSelector("button[type=submit]")));
            assertEquals("Sprache", chromium.await(By.tagName("nav")).getDomAttribute("aria-label"));
            assertEquals("Deutsch", chromium.text(By.cssSelector("nav a[aria-current=true]")));
            assertEquals(chromium.await(By.id("username")), chromium.focused(), "the field has the focus again");
            screenshot(chromium, "signin-identifier-de");

            // Typing into the focused field and pressing Enter submits the form: no mouse needed.
            chromium.navigate(() -> chromium.focused().sendKeys(setup.user("alice"), Keys.ENTER));
            assertEquals("de", chromium.lang(), "the switch outranks Accept-Language on the next page");
            assertEquals("Wählen Sie, wie Sie sich anmelden:", chromium.text(By.tagName("legend")));
            List<WebElement> choices = chromium.awaitAll(By.cssSelector("button[name=idp]"));
            assertEquals(List.of("Loopback OP", SignInPagesFixture.SECOND_NAME),
                    choices.stream().map(WebElement::getText).toList());
            assertEquals(choices.get(0), chromium.focused(), "the first option has the focus");
            assertTrue(chromium.driver.getTitle().startsWith("Anmeldung auswählen"), chromium.driver.getTitle());
            screenshot(chromium, "signin-chooser-de");

            chromium.focused().sendKeys(Keys.TAB);
            WebElement second = chromium.focused();
            assertEquals(SignInPagesFixture.SECOND_ALIAS, second.getDomAttribute("value"),
                    "Tab reaches the second option");
            assertEquals("solid", second.getCssValue("outline-style"), "keyboard focus is visible");
            assertEquals("3px", second.getCssValue("outline-width"));
            screenshot(chromium, "signin-chooser-de-focus");
            assertNoPolicyViolation(chromium);
        }
    }

    @Test
    void choosingAProviderWithTheKeyboardLeavesForItAndTheSuiteGetsItsCode() {
        SignInPagesFixture.addSecondProvider(op, setup);
        try (Chromium chromium = new Chromium("en")) {
            chromium.open(setup.authorizeUrl("login_hint=" + setup.user("alice").replace("@", "%40")));
            assertEquals("Choose how to sign in:", chromium.text(By.tagName("legend")));
            chromium.focused().sendKeys(Keys.TAB);
            assertEquals(SignInPagesFixture.SECOND_ALIAS, chromium.focused().getDomAttribute("value"));
            chromium.focused().sendKeys(Keys.ENTER);
            // The chooser's POST answers with a redirect to the identity provider: Chromium checks it against the
            // page's Content-Security-Policy form-action like the POST itself.
            URI landing = URI.create(chromium.awaitUrl(url -> url.startsWith(SignOnSetup.REDIRECT_URI),
                    "the identity provider to sign Alice in and the browser to arrive at the suite"));
            assertTrue(landing.getQuery().contains("code="), "Enter on an option signs in: " + landing);
        }
    }

    @Test
    void withOneProviderTheAddressAndEnterLeadToItAndTheSuiteGetsItsCode() {
        try (Chromium chromium = new Chromium("en")) {
            chromium.open(setup.authorizeUrl(""));
            chromium.focused().sendKeys(setup.user("alice"), Keys.ENTER);
            // The identifier form's POST answers with a redirect to the identity provider: Chromium checks it against
            // the page's Content-Security-Policy form-action like the POST itself.
            URI landing = URI.create(chromium.awaitUrl(url -> url.startsWith(SignOnSetup.REDIRECT_URI),
                    "the identity provider to sign Alice in and the browser to arrive at the suite"));
            assertTrue(landing.getQuery().contains("code="), "the address and Enter sign in: " + landing);
        }
    }

    @Test
    void theChooserInGermanFromAcceptLanguageThenInEnglishThroughTheSwitch() {
        SignInPagesFixture.addSecondProvider(op, setup);
        try (Chromium chromium = new Chromium("de-CH")) {
            chromium.open(setup.authorizeUrl("login_hint=" + setup.user("alice").replace("@", "%40")));
            assertEquals("de", chromium.lang(), "Accept-Language de-CH, de");
            assertEquals("Bei Contoso Schweiz anmelden", chromium.text(By.tagName("h1")));
            assertEquals("Wählen Sie, wie Sie sich anmelden:", chromium.text(By.tagName("legend")));
            screenshot(chromium, "signin-chooser-de-accept-language");

            chromium.navigate(() -> chromium.await(By.linkText("English")).click());
            assertEquals("en", chromium.lang());
            assertEquals("Choose how to sign in:", chromium.text(By.tagName("legend")));
            assertEquals(List.of("Loopback OP", SignInPagesFixture.SECOND_NAME),
                    chromium.awaitAll(By.cssSelector("button[name=idp]")).stream().map(WebElement::getText).toList());
            screenshot(chromium, "signin-chooser-en");
            assertNoPolicyViolation(chromium);
        }
    }

    @Test
    void anAddressWithoutSignInIsExplainedNextToTheFieldWhichKeepsTheFocus() {
        try (Chromium chromium = new Chromium("en")) {
            chromium.open(setup.authorizeUrl(""));
            chromium.navigate(() -> chromium.focused().sendKeys("bob@nowhere.example", Keys.ENTER));
            assertEquals("No sign-in is configured for that email domain. "
                            + "Check the address or contact your administrator.",
                    chromium.text(By.id("username-error")));
            WebElement field = chromium.focused();
            assertEquals("username", field.getDomAttribute("id"), "the field to correct has the focus");
            assertEquals("true", field.getDomAttribute("aria-invalid"));
            assertEquals("username-error", field.getDomAttribute("aria-describedby"));
            screenshot(chromium, "signin-identifier-error-en");
            assertNoPolicyViolation(chromium);
        }
    }

    @Test
    void anUnknownDomainInGermanThenEnglish() {
        try (Chromium chromium = new Chromium("de")) {
            chromium.open(setup.authorizeUrl("login_hint=bob%40nowhere.example"));
            assertEquals("de", chromium.lang());
            assertEquals("Keine Anmeldung für diese Domain", chromium.text(By.tagName("h1")));
            assertEquals("Für die E-Mail-Domain nowhere.example ist keine Anmeldung eingerichtet. "
                    + "Wenden Sie sich an Ihre Administration.", chromium.text(By.cssSelector("[role=alert]")));
            assertFalse(chromium.driver.getPageSource().contains("bob@"), "the user's name is not shown back");
            screenshot(chromium, "error-unknown-domain-de");

            chromium.navigate(() -> chromium.await(By.linkText("English")).click());
            assertEquals("en", chromium.lang());
            assertEquals("No sign-in for this domain", chromium.text(By.tagName("h1")));
            assertEquals("No sign-in is configured for the email domain nowhere.example. Contact your administrator.",
                    chromium.text(By.cssSelector("[role=alert]")));
            screenshot(chromium, "error-unknown-domain-en");
            assertNoPolicyViolation(chromium);
        }
    }

    @Test
    void anExpiredLoginInGermanThenEnglishByKeyboard() {
        try (Chromium chromium = new Chromium("de")) {
            chromium.open(setup.issuer() + "/login-actions/route?login=gone");
            assertEquals("de", chromium.lang());
            assertEquals("Anmeldung abgelaufen", chromium.text(By.tagName("h1")));
            assertTrue(chromium.text(By.cssSelector("[role=alert]"))
                    .startsWith("Ihre Anmeldung hat zu lange gedauert"));
            screenshot(chromium, "error-expired-de");

            // The language links are the only focusable things: Tab reaches the first (English), Enter follows it.
            chromium.await(By.tagName("body")).sendKeys(Keys.TAB);
            WebElement english = chromium.focused();
            assertEquals("en", english.getDomAttribute("hreflang"));
            assertEquals("solid", english.getCssValue("outline-style"), "keyboard focus is visible");
            chromium.navigate(() -> english.sendKeys(Keys.ENTER));
            assertEquals("en", chromium.lang());
            assertEquals("Sign-in expired", chromium.text(By.tagName("h1")));
            assertEquals("Your sign-in took too long or was already completed. "
                            + "Go back to your application and start again.",
                    chromium.text(By.cssSelector("[role=alert]")));
            assertTrue(chromium.driver.getCurrentUrl().contains("/realms/" + setup.realm + "/login-actions/route"),
                    "the switch stays on this server: " + chromium.driver.getCurrentUrl());
            screenshot(chromium, "error-expired-en");
            assertNoPolicyViolation(chromium);
        }
    }

    @Test
    void theIdentityProvidersOwnErrorInGermanWithAWayBackToTheSuite() {
        op.answerWithError("access_denied", "Konto gesperrt <script>alert(1)</script>");
        try (Chromium chromium = new Chromium("de")) {
            chromium.open(setup.authorizeUrl("login_hint=" + setup.user("alice").replace("@", "%40")));
            assertEquals("Konto gesperrt <script>alert(1)</script>", chromium.text(By.cssSelector(".idp-message")),
                    "the message is shown as text, never as markup");
            assertEquals("de", chromium.lang());
            assertNoPolicyViolation(chromium);
            screenshot(chromium, "error-idp-message-de");
            chromium.await(By.id("return-to-application")).click();
            URI landing = URI.create(chromium.awaitUrl(url -> url.startsWith(SignOnSetup.REDIRECT_URI),
                    "the way back to the suite"));
            assertTrue(landing.getQuery().contains("error=access_denied"), landing.toString());
        } finally {
            op.answerWithError(null, null);
        }
    }

    @Test
    void anUnknownOrganisationInGerman() {
        try (Chromium chromium = new Chromium("de-AT")) {
            chromium.open(setup.base + "/realms/no-such-realm/login-actions/route?login=gone");
            assertEquals("de", chromium.lang());
            assertEquals("Unbekannte Organisation", chromium.text(By.tagName("h1")));
            assertEquals("Diese Anmeldeadresse ist ungültig.", chromium.text(By.cssSelector("[role=alert]")));
            screenshot(chromium, "error-unknown-organisation-de");
            assertNoPolicyViolation(chromium);
        }
    }

    /** Nothing on the pages so far broke their own Content-Security-Policy (inline style, images, forms). */
    private static void assertNoPolicyViolation(Chromium chromium) {
        List<String> violations = chromium.console().stream()
                .filter(m -> m.contains("Content Security Policy")).toList();
        assertEquals(List.of(), violations);
    }

    /** Saves the screenshot and checks that it is a real, non-trivial PNG. */
    private static void screenshot(Chromium chromium, String name) {
        Path file = chromium.screenshot(name);
        try {
            byte[] png = Files.readAllBytes(file);
            assertTrue(png.length > 2_000, name + " is " + png.length + " bytes");
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), name + " is a PNG");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
