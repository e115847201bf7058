package cloud.federation.realm.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * The few pages end users see during a login: identifier-first, chooser, errors. Plain server-rendered HTML with
 * every value escaped; no scripts. (Issue 7 brings translations and branding.)
 */
public final class LoginPages {

    public record Choice(String alias, String displayName) {
    }

    private LoginPages() {
    }

    public static Response identifierFirst(String realmDisplayName, String action, String loginId, String message) {
        String body = "<h1>Sign in to " + escape(realmDisplayName) + "</h1>"
                + (message == null ? "" : "<p role=\"alert\" class=\"error\">" + escape(message) + "</p>")
                + "<form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"login\" value=\"" + escape(loginId) + "\">"
                + "<label for=\"username\">Work email</label>"
                + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required autofocus>"
                + "<button type=\"submit\">Continue</button></form>";
        return page(message == null ? 200 : 400, "Sign in", body);
    }

    public static Response chooser(String realmDisplayName, String action, String loginId, List<Choice> choices) {
        StringBuilder body = new StringBuilder("<h1>Sign in to " + escape(realmDisplayName) + "</h1>"
                + "<p>Choose how to sign in:</p><form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"login\" value=\"" + escape(loginId) + "\"><ul>");
        for (Choice c : choices) {
            body.append("<li><button type=\"submit\" name=\"idp\" value=\"").append(escape(c.alias())).append("\">")
                    .append(escape(c.displayName())).append("</button></li>");
        }
        body.append("</ul></form>");
        return page(200, "Choose your sign-in", body.toString());
    }

    /** An error page with a support reference (also written to the log) and never a stack trace or a redirect. */
    public static Response error(int status, String title, String message, String reference) {
        String body = "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p>"
                + (reference == null ? "" : "<p class=\"ref\">Support reference: <code>" + escape(reference) + "</code></p>");
        return page(status, title, body);
    }

    public static String newReference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response page(int status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;"
                + "margin:3rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin:.5rem 0}"
                + "input,button{font-size:1rem;padding:.5rem;margin:.25rem 0}.error{color:#a00000}"
                + "ul{list-style:none;padding:0}</style></head><body><main>" + body + "</main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
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
