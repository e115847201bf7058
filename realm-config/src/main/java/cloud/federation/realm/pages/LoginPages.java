package cloud.federation.realm.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few pages end users see during a login: identifier-first, chooser, errors. Plain server-rendered HTML in the
 * request's language (see {@link PageLanguage}) with every value escaped; no scripts, no external resources except
 * the realm's own logo.
 */
public final class LoginPages {

    public record Choice(String alias, String displayName) {
    }

    /** What was wrong with the typed address; shown next to the field. */
    public enum FieldError {
        MISSING_EMAIL("identifier.missing"),
        NO_SIGN_IN_FOR_DOMAIN("identifier.no-sign-in-for-domain");

        private final String key;

        FieldError(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /*
     * Colours, contrast against their background (WCAG 2 relative luminance; AA needs 4.5:1 for text):
     * text #1a1a1a on #ffffff 17.4:1; secondary text #4a4a4a on #ffffff 8.86:1; errors #a00000 on #ffffff 8.42:1 and
     * on #fdecec 7.37:1; links and focus ring #0b57d0 on #ffffff 6.39:1; button text #ffffff on #0b57d0 6.39:1 (also
     * the "Return to the application" link button); text #1a1a1a on the test sign-in's success note #e6f4ea 15.3:1.
     */
    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{font-family:system-ui,sans-serif;font-size:1rem;line-height:1.5;margin:0;color:#1a1a1a;"
            + "background:#ffffff}"
            + "main{max-width:32rem;margin:2rem auto;padding:0 1rem}"
            + "header img{display:block;max-width:100%;max-height:4rem;height:auto;margin-bottom:1rem}"
            + "h1{font-size:1.5rem;line-height:1.25;overflow-wrap:anywhere}"
            + "label{display:block;margin:.5rem 0 .25rem;font-weight:600}"
            + "input,button{font:inherit;width:100%;padding:.625rem;margin:.25rem 0;border-radius:.25rem}"
            + "input{border:1px solid #4a4a4a;color:#1a1a1a;background:#ffffff}"
            + "button{border:0;color:#ffffff;background:#0b57d0;cursor:pointer}"
            + "a{color:#0b57d0}"
            + ":focus-visible{outline:3px solid #0b57d0;outline-offset:2px}"
            + ".error{color:#a00000;background:#fdecec;padding:.5rem;border-radius:.25rem}"
            + "input[aria-invalid=true]{border:2px solid #a00000}"
            + ".ref,.langs{color:#4a4a4a}"
            + "ul{list-style:none;padding:0}fieldset{border:0;padding:0;margin:0}legend{padding:0}"
            + ".langs{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin-top:2rem;font-size:.875rem}"
            + ".langs a{display:inline-block;padding:.25rem 0}"
            + "code{overflow-wrap:anywhere}"
            + "a.button{display:block;text-align:center;text-decoration:none;color:#ffffff;background:#0b57d0;"
            + "padding:.625rem;border-radius:.25rem}"
            + "blockquote{margin:.5rem 0;padding:.5rem;border-left:4px solid #4a4a4a;overflow-wrap:anywhere}"
            + ".ok{padding:.5rem;border-radius:.25rem;background:#e6f4ea}"
            + "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;"
            + "border-bottom:1px solid #4a4a4a;vertical-align:top}tr.failed td{color:#a00000}";

    private LoginPages() {
    }

    public static Response identifierFirst(PageContext context, String action, String loginId, FieldError error) {
        PageMessages m = PageMessages.of(context.language());
        String describedBy = error == null ? "" : " aria-describedby=\"username-error\" aria-invalid=\"true\"";
        String body = "<h1>" + m.html("signin.heading", context.realmDisplayName()) + "</h1>"
                + "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"login\" value=\"" + escape(loginId) + "\">"
                + "<label for=\"username\">" + m.html("identifier.label") + "</label>"
                + (error == null ? "" : "<p id=\"username-error\" role=\"alert\" class=\"error\">" + m.html(error.key())
                + "</p>")
                + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" inputmode=\"email\" "
                + "spellcheck=\"false\" autocapitalize=\"none\" required autofocus" + describedBy + ">"
                + "<button type=\"submit\">" + m.html("identifier.continue") + "</button></form>";
        return page(context, m, error == null ? 200 : 400, m.html("signin.title"), body);
    }

    public static Response chooser(PageContext context, String action, String loginId, List<Choice> choices) {
        PageMessages m = PageMessages.of(context.language());
        StringBuilder body = new StringBuilder("<h1>" + m.html("signin.heading", context.realmDisplayName()) + "</h1>"
                + "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"login\" value=\"" + escape(loginId) + "\">"
                + "<fieldset><legend>" + m.html("chooser.prompt") + "</legend><ul>");
        boolean first = true;
        for (Choice c : choices) {
            body.append("<li><button type=\"submit\" name=\"idp\" value=\"").append(escape(c.alias())).append("\"")
                    .append(first ? " autofocus" : "").append(">").append(escape(c.displayName())).append("</button></li>");
            first = false;
        }
        body.append("</ul></fieldset></form>");
        return page(context, m, 200, m.html("chooser.title"), body.toString());
    }

    /** An error page with a support reference (also written to the log) and never a stack trace or a redirect. */
    public static Response error(PageContext context, int status, LoginError error, String reference,
                                 String... arguments) {
        return render(context, status, error, reference, null, arguments);
    }

    /**
     * As {@link #error(PageContext, int, LoginError, String, String...)}, plus a technical detail we only have in
     * English (e.g. which request parameter was wrong), marked as English for screen readers.
     */
    public static Response errorWithDetail(PageContext context, int status, LoginError error, String detail) {
        return render(context, status, error, null, detail);
    }

    private static Response render(PageContext context, int status, LoginError error, String reference, String detail,
                                   String... arguments) {
        PageMessages m = PageMessages.of(context.language());
        String title = m.html(error.titleKey());
        String body = "<h1>" + title + "</h1><p role=\"alert\">" + m.html(error.textKey(), arguments) + "</p>"
                + (detail == null ? "" : "<p class=\"ref\">" + m.html("error.detail") + " <span lang=\"en\">"
                + escape(detail) + "</span></p>")
                + (reference == null ? "" : "<p class=\"ref\">" + m.html("error.reference") + " <code>"
                + escape(reference) + "</code></p>");
        return page(context, m, status, title, body);
    }

    /**
     * The identity provider answered with an error of its own: our text, the IdP's message as plain text (untrusted,
     * so escaped like everything else and marked as being in an unknown language), the support reference, and a link
     * that hands the OAuth error to the suite's registered redirect URI. A link, not a redirect: the user reads the
     * message first. A link, not a form: our CSP allows forms to post only to ourselves.
     */
    public static Response idpError(PageContext context, String reference, String idpMessage, URI returnToApplication) {
        PageMessages m = PageMessages.of(context.language());
        String title = m.html(LoginError.IDP_ERROR.titleKey());
        String body = "<h1>" + title + "</h1><p role=\"alert\">" + m.html(LoginError.IDP_ERROR.textKey()) + "</p>"
                + (idpMessage == null ? "" : "<p>" + m.html("error.idp-message") + "</p><blockquote lang=\"\">"
                + "<p class=\"idp-message\">" + escape(idpMessage) + "</p></blockquote>")
                + (reference == null ? "" : "<p class=\"ref\">" + m.html("error.reference") + " <code>"
                + escape(reference) + "</code></p>")
                + (returnToApplication == null ? "" : "<p><a class=\"button\" id=\"return-to-application\" href=\""
                + escape(returnToApplication.toString()) + "\">" + m.html("error.return-to-application") + "</a></p>");
        return page(context, m, 400, title, body);
    }

    /** What an admin's test sign-in found; rendered by {@link #testSignInResult}. */
    public record TestSignInReport(String idpDisplayName, List<CheckResult> checks, String failedReason,
                                   String idpMessage, List<Claim> claims, String reference) {

        public boolean succeeded() {
            return failedReason == null;
        }
    }

    public enum CheckOutcome {
        PASSED("testsignin.passed"), FAILED("testsignin.failed-check"), NOT_RUN("testsignin.not-run");

        private final String key;

        CheckOutcome(String key) {
            this.key = key;
        }
    }

    /** @param name an English technical name (e.g. "SAML audience"), shown marked as English */
    public record CheckResult(String name, CheckOutcome outcome) {
    }

    /** @param value the claim as a suite would see it, or null with a note when it is only known at a real sign-in */
    public record Claim(String name, String value) {
    }

    /** The result page of an admin's test sign-in: which checks passed or failed, and the claims for a suite. */
    public static Response testSignInResult(PageContext context, TestSignInReport report) {
        PageMessages m = PageMessages.of(context.language());
        String title = m.html("testsignin.title");
        StringBuilder body = new StringBuilder("<h1>").append(title).append(" – ")
                .append(escape(report.idpDisplayName())).append("</h1>")
                .append("<p role=\"status\" class=\"").append(report.succeeded() ? "ok" : "error").append("\" id=\"outcome\">")
                .append(m.html(report.succeeded() ? "testsignin.succeeded" : "testsignin.refused")).append("</p>");
        if (!report.succeeded()) {
            body.append("<p>").append(m.html("testsignin.reason")).append(" <code id=\"reason\">")
                    .append(escape(report.failedReason())).append("</code></p>");
        }
        if (report.idpMessage() != null) {
            body.append("<p>").append(m.html("error.idp-message")).append("</p><blockquote lang=\"\"><p class=\"idp-message\">")
                    .append(escape(report.idpMessage())).append("</p></blockquote>");
        }
        body.append("<h2>").append(m.html("testsignin.checks")).append("</h2><table id=\"checks\"><thead><tr><th scope=\"col\">")
                .append(m.html("testsignin.check")).append("</th><th scope=\"col\">").append(m.html("testsignin.outcome"))
                .append("</th></tr></thead><tbody>");
        for (CheckResult check : report.checks()) {
            body.append("<tr class=\"").append(check.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"><td lang=\"en\">").append(escape(check.name())).append("</td><td>")
                    .append(m.html(check.outcome().key)).append("</td></tr>");
        }
        body.append("</tbody></table>");
        if (report.succeeded()) {
            body.append("<h2>").append(m.html("testsignin.claims")).append("</h2><table id=\"claims\"><thead><tr>")
                    .append("<th scope=\"col\">").append(m.html("testsignin.claim")).append("</th><th scope=\"col\">")
                    .append(m.html("testsignin.value")).append("</th></tr></thead><tbody>");
            for (Claim claim : report.claims()) {
                body.append("<tr><td><code>").append(escape(claim.name())).append("</code></td><td>")
                        .append(claim.value() == null ? "<em>" + m.html("testsignin.assigned-at-first-sign-in") + "</em>"
                                : "<code>" + escape(claim.value()) + "</code>")
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        if (report.reference() != null) {
            body.append("<p class=\"ref\">").append(m.html("error.reference")).append(" <code>")
                    .append(escape(report.reference())).append("</code></p>");
        }
        return page(context, m, 200, title, body.toString());
    }

    public static String newReference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response page(PageContext context, PageMessages m, int status, String titleHtml, String body) {
        Optional<URI> logo = context.logo();
        String realm = context.realmDisplayName();
        String header = realm == null ? "" : "<header>" + logo.map(url -> "<img src=\"" + escape(url.toString())
                + "\" alt=\"" + escape(realm) + "\">").orElse("") + "</header>";
        String html = "<!DOCTYPE html><html lang=\"" + context.language().tag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + titleHtml + (realm == null ? "" : " – " + escape(realm)) + "</title>"
                + "<style>" + STYLE + "</style></head><body><main>" + header + body + languageSwitch(context, m)
                + "</main></body></html>";
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Content-Language", context.language().tag())
                .header("Vary", "Accept-Language, Cookie")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", contentSecurityPolicy(logo))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        if (context.languageChosen()) {
            response.cookie(context.language().cookie(context.secure()));
        }
        return response.build();
    }

    /**
     * Only the logo's own origin may serve an image; nothing else loads from anywhere, and no script runs. No
     * {@code form-action}: browsers apply it to the redirects after a form post too, and our forms post to us so that
     * we redirect to the realm's identity provider, an origin these pages do not know (Chromium stopped every login
     * on the identifier and chooser pages under {@code form-action 'self'}).
     */
    static String contentSecurityPolicy(Optional<URI> logo) {
        String images = logo.map(url -> "; img-src " + origin(url)).orElse("");
        return "default-src 'none'; style-src 'unsafe-inline'" + images + "; frame-ancestors 'none'";
    }

    private static String origin(URI url) {
        return "https://" + url.getHost().toLowerCase(java.util.Locale.ROOT) + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    private static String languageSwitch(PageContext context, PageMessages m) {
        String target = context.switchTarget();
        // A target such as "//host/…" would leave this server; the switch then only reloads the current address.
        if (target == null || !target.startsWith("/") || target.startsWith("//")) {
            target = "";
        }
        String separator = target.contains("?") ? "&" : "?";
        StringBuilder nav = new StringBuilder("<nav aria-label=\"" + m.html("language.label") + "\"><ul class=\"langs\">");
        for (PageLanguage language : PageLanguage.values()) {
            nav.append("<li><a href=\"").append(escape(target + separator + PageLanguage.PARAMETER + "=" + language.tag()))
                    .append("\" hreflang=\"").append(language.tag()).append("\" lang=\"").append(language.tag()).append("\"")
                    .append(language == context.language() ? " aria-current=\"true\"" : "").append(">")
                    .append(escape(language.nativeName())).append("</a></li>");
        }
        return nav.append("</ul></nav>").toString();
    }

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
