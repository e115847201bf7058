package cloud.federation.server.console;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** Console test steps shared by the suites and events tests: submitting forms, raw posts, realm admins. */
final class ConsoleForms {

    private ConsoleForms() {
    }

    /** Submits the first form posting to …{@code actionSuffix} with its submit button (HtmlUnit runs no confirm). */
    static HtmlPage submit(HtmlPage page, String actionSuffix) {
        HtmlForm form = ConsoleBrowser.form(page, actionSuffix);
        HtmlButton button = form.getFirstByXPath(".//button[@type='submit']");
        try {
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a suite through the console's form; answers the page that shows its secrets once. */
    static HtmlPage register(ConsoleBrowser browser, String realm, String name, String redirectUrls) {
        HtmlPage suites = browser.open("/admin/console/realms/" + realm + "/suites");
        suites.<org.htmlunit.html.HtmlInput>getHtmlElementById("suite-name").setValue(name);
        suites.<org.htmlunit.html.HtmlTextArea>getHtmlElementById("suite-redirects").setText(redirectUrls);
        return ConsoleBrowser.click(suites, "register-suite");
    }

    static String text(HtmlPage page, String id) {
        return page.getHtmlElementById(id).getTextContent().trim();
    }

    /** A console POST as a script would send it: the session cookie, no browser. */
    static Response post(String cookie, String path, Map<String, String> form) {
        return RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                .contentType(ContentType.URLENC).formParams(form).post(path);
    }

    /** A master-realm user who administers {@code realm} only; answers the username (password: "pw-" + it). */
    static String realmAdmin(String realm) {
        String username = "console-admin-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.createRealmAdmin(realm, username, "pw-" + username);
        return username;
    }
}
