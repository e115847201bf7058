package cloud.federation.oidc.upstream;

import java.net.URI;
import java.util.Map;

/**
 * An upstream OpenID Provider as configured on an identity provider (Keycloak's OIDC config keys), with the presets
 * for well-known providers. Endpoints absent from the config come from the issuer's discovery document.
 */
public record UpstreamOidcSettings(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
                                   URI jwksUri, String clientId, String clientSecret, boolean clientSecretPost,
                                   String scope, boolean forwardLoginHint, String emailClaim) {

    /** Webex's OpenID Provider (the {@code webex} protocol of the realm model). */
    public static final String WEBEX_ISSUER = "https://idbroker.webex.com/idb";

    public static UpstreamOidcSettings from(String providerId, Map<String, String> config, Map<String, String> secrets) {
        String issuer = config.get("issuer");
        if ("webex".equals(providerId) && (issuer == null || issuer.isBlank())) {
            issuer = WEBEX_ISSUER;
        }
        String scope = config.getOrDefault("defaultScope", "openid email profile");
        if (!(" " + scope + " ").contains(" openid ")) {
            scope = "openid " + scope;
        }
        return new UpstreamOidcSettings(issuer, uri(config.get("authorizationUrl")), uri(config.get("tokenUrl")),
                uri(config.get("userInfoUrl")), uri(config.get("jwksUrl")), config.get("clientId"),
                secrets.get("clientSecret"), "client_secret_post".equals(config.get("clientAuthMethod")), scope.trim(),
                "true".equals(config.get("loginHint")), config.getOrDefault("emailClaim", "email"));
    }

    /** Fills endpoints missing from the config with those of the discovery document. */
    public UpstreamOidcSettings withDiscovered(ProviderMetadataCache.Endpoints discovered) {
        return new UpstreamOidcSettings(issuer,
                authorizationEndpoint != null ? authorizationEndpoint : discovered.authorization(),
                tokenEndpoint != null ? tokenEndpoint : discovered.token(),
                userinfoEndpoint != null ? userinfoEndpoint : discovered.userinfo(),
                jwksUri != null ? jwksUri : discovered.jwks(),
                clientId, clientSecret, clientSecretPost, scope, forwardLoginHint, emailClaim);
    }

    public boolean complete() {
        return authorizationEndpoint != null && tokenEndpoint != null && jwksUri != null;
    }

    private static URI uri(String value) {
        return value == null || value.isBlank() ? null : URI.create(value.trim());
    }
}
