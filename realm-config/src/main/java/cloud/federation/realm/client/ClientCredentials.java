package cloud.federation.realm.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A suite's client id and secret from HTTP Basic ({@code client_secret_basic}, form-URL-encoded per RFC 6749
 * §2.3.1) or from the form body ({@code client_secret_post}).
 */
public record ClientCredentials(String clientId, String secret, Method method) {

    public enum Method { BASIC, POST }

    public static Optional<ClientCredentials> fromBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), Method.BASIC));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<ClientCredentials> fromForm(String clientId, String secret) {
        if (clientId == null || clientId.isBlank() || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(clientId, secret, Method.POST));
    }
}
