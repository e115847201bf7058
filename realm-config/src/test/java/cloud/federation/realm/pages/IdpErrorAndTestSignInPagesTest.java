package cloud.federation.realm.pages;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdpErrorAndTestSignInPagesTest {

    private static final Pattern RAW_KEY = Pattern.compile("\\b(error|testsignin)\\.[a-z][a-z.-]+");

    static LoginPages.TestSignInReport report(String reason) {
        return new LoginPages.TestSignInReport("Corp <IdP>", List.of(
                new LoginPages.CheckResult("Signature", LoginPages.CheckOutcome.PASSED),
                new LoginPages.CheckResult("Audience", reason == null ? LoginPages.CheckOutcome.PASSED
                        : LoginPages.CheckOutcome.FAILED)), reason, null,
                reason != null ? List.of() : List.of(new LoginPages.Claim("sub", null),
                        new LoginPages.Claim("email", "a@b.example")), "ref12345");
    }

    @Test
    void everyLanguageRendersBothPagesWithoutRawKeys() {
        for (PageLanguage language : PageLanguage.values()) {
            PageContext context = new PageContext(language, false, "Contoso", null, "/x", true);
            for (Response page : List.of(
                    LoginPages.idpError(context, "ref12345", "Account locked", URI.create("https://suite.example/cb?error=x")),
                    LoginPages.testSignInResult(context, report(null)),
                    LoginPages.testSignInResult(context, report("saml_audience_mismatch")))) {
                String html = (String) page.getEntity();
                assertFalse(RAW_KEY.matcher(html.replace("saml_audience_mismatch", "")).find(), html);
                assertEquals("no-store", page.getHeaderString("Cache-Control"));
                assertTrue(page.getHeaderString("Content-Security-Policy").startsWith("default-src 'none'"));
            }
        }
    }

    @Test
    void theIdpMessageIsText() {
        PageContext context = new PageContext(PageLanguage.EN, false, "Contoso", null, "/x", true);
        String html = (String) LoginPages.idpError(context, "ref12345", "<script>alert(1)</script>",
                URI.create("https://suite.example/cb?error=access_denied&state=a%26b")).getEntity();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("href=\"https://suite.example/cb?error=access_denied&amp;state=a%26b\""), html);
        assertTrue(html.contains("ref12345"));
    }
}
