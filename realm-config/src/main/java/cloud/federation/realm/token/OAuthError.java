package cloud.federation.realm.token;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6749 §5.2 error responses, the shape OAuth clients (kcadm, Keycloak adapters) parse. */
public final class OAuthError {

    private OAuthError() {
    }

    public static Response of(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (status == 401 && "invalid_client".equals(error)) {
            builder.header("WWW-Authenticate", "Basic realm=\"master\"");
        }
        return builder.build();
    }
}
