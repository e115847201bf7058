package cloud.federation.oidc.provider;

import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;
import java.util.Map;

/** Appends response parameters to a registered redirect URI (query component, RFC 6749 §4.1.2). */
public final class RedirectUris {

    private RedirectUris() {
    }

    public static URI with(String redirectUri, Map<String, String> parameters) {
        UriBuilder builder = UriBuilder.fromUri(redirectUri);
        parameters.forEach((k, v) -> {
            if (v != null) {
                builder.queryParam(k, "{" + k + "}");
            }
        });
        Map<String, Object> values = new java.util.HashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return builder.buildFromMap(values);
    }
}
