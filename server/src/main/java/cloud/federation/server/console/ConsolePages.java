package cloud.federation.server.console;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Renders console pages (Qute templates under {@code templates/console}) with the headers every console response
 * carries: no caching (pages show secrets and personal data), no framing, scripts and styles from our origin only.
 */
@ApplicationScoped
public class ConsolePages {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Inject
    Engine engine;

    public TemplateInstance template(String name) {
        return engine.getTemplate("console/" + name).instance();
    }

    public Response page(int status, String name, Map<String, Object> data) {
        TemplateInstance t = template(name);
        data.forEach(t::data);
        return secured(Response.status(status).entity(t.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")))
                .build();
    }

    /** A page with no console chrome: for refusals before or outside a session. */
    public Response error(int status, String message) {
        return page(status, "error.html", Map.of("status", status, "message", message));
    }

    /** Post/redirect/get: a console form's success answer, to a console path (never one taken from the request). */
    public static Response seeOther(String consolePath) {
        return secured(Response.seeOther(java.net.URI.create(consolePath))).build();
    }

    /**
     * Referrer-Policy same-origin rather than no-referrer: under no-referrer browsers send {@code Origin: null} with
     * form posts, and the session filter refuses a post whose origin is not ours.
     */
    public static Response.ResponseBuilder secured(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin");
    }
}
