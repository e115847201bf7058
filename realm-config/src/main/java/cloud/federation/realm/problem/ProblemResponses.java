package cloud.federation.realm.problem;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 7807 bodies; the single place that knows the problem+json shape. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        // Extension member read by Keycloak's admin CLI and admin-client, which print it on failure.
        body.put("errorMessage", detail);
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA_TYPE).entity(body);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"master\"");
        }
        return builder.build();
    }
}
