package cloud.federation.server.support;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HtmlUnit as an admin's browser on the console: signs in through the master realm's page like a person would. */
public final class ConsoleBrowser implements AutoCloseable {

    public final WebClient client = new WebClient(BrowserVersion.FIREFOX);
    private final String base;

    public ConsoleBrowser(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
    }

    /** Opens the console and signs in on the page it redirects to; answers the page after sign-in. */
    public HtmlPage signIn(String username, String password) {
        HtmlPage signInPage = open("/admin/console");
        assertEquals("/realms/master/protocol/openid-connect/auth", signInPage.getUrl().getPath(),
                "the console sends a browser without a session to the master realm's sign-in page");
        return submitSignIn(signInPage, username, password);
    }

    public static HtmlPage submitSignIn(HtmlPage signInPage, String username, String password) {
        signInPage.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").setValue(username);
        signInPage.<org.htmlunit.html.HtmlInput>getHtmlElementById("password").setValue(password);
        return click(signInPage, "sign-in");
    }

    public HtmlPage open(String path) {
        try {
            return client.getPage(base + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clicks the element with this id (a submit button or link) and answers the page it leads to. */
    public static HtmlPage click(HtmlPage page, String id) {
        try {
            return page.getHtmlElementById(id).click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSRF token the console put into its forms on this page. */
    public static String csrf(HtmlPage page) {
        return page.getForms().stream().map(f -> f.getInputsByName("csrf")).filter(l -> !l.isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no form with a csrf field on " + page.getUrl()))
                .get(0).getValue();
    }

    /** The first form on the page whose action ends with {@code actionSuffix}. */
    public static HtmlForm form(HtmlPage page, String actionSuffix) {
        return page.getForms().stream().filter(f -> f.getActionAttribute().endsWith(actionSuffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no form posting to …" + actionSuffix + " on " + page.getUrl()));
    }

    public Optional<Cookie> sessionCookie() {
        try {
            return Optional.ofNullable(client.getCookieManager().getCookie("federation_console"))
                    .filter(c -> !c.getValue().isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public URL url(String path) {
        try {
            return new URL(base + path);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
