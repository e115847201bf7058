package cloud.federation.oidc.upstream;

import java.net.URI;
import java.util.Map;

/**
 * An upstream OpenID Provider as configured on an identity provider (Keycloak's OIDC config keys), with the presets
 * for well-known providers. Endpoints absent from the config come from the issuer's discovery document.
 */
public record UpstreamOidcSettings(String issuer, URI discoveryUrl, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
                                   URI jwksUri, String clientId, String clientSecret, boolean clientSecretPost,
                                   String scope, boolean forwardLoginHint, String emailClaim) {

    /** Webex's OpenID Provider (the {@code webex} protocol of the realm model). */
    public static final String WEBEX_ISSUER = "https://idbroker.webex.com/idb";
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final String ENTRA_MULTI_TENANT_ISSUER = "https://login.microsoftonline.com/{tenantid}/v2.0";
    static final String ENTRA_COMMON_DISCOVERY = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    public static UpstreamOidcSettings from(String providerId, Map<String, String> config, Map<String, String> secrets) {
        String issuer = config.get("issuer");
        String discovery = config.get("metadataDescriptorUrl");
        if (issuer == null || issuer.isBlank()) {
            // Presets: the issuer (and, for multi-tenant Entra ID, the discovery URL) of well-known providers.
            String preset = "webex".equals(providerId) ? "webex" : config.getOrDefault("preset", "");
            switch (preset) {
                case "webex" -> issuer = WEBEX_ISSUER;
                case "google" -> issuer = GOOGLE_ISSUER;
                case "entra" -> issuer = "https://login.microsoftonline.com/" + config.get("tenantId") + "/v2.0";
                case "entra-multitenant" -> {
                    issuer = ENTRA_MULTI_TENANT_ISSUER;
                    discovery = discovery != null ? discovery : ENTRA_COMMON_DISCOVERY;
                }
                case "okta" -> issuer = "https://" + config.get("oktaDomain");
                default -> { }
            }
        }
        String scope = config.getOrDefault("defaultScope", "openid email profile");
        if (!(" " + scope + " ").contains(" openid ")) {
            scope = "openid " + scope;
        }
        return new UpstreamOidcSettings(issuer, uri(discovery), uri(config.get("authorizationUrl")), uri(config.get("tokenUrl")),
                uri(config.get("userInfoUrl")), uri(config.get("jwksUrl")), config.get("clientId"),
                secrets.get("clientSecret"), "client_secret_post".equals(config.get("clientAuthMethod")), scope.trim(),
                "true".equals(config.get("loginHint")), config.getOrDefault("emailClaim", "email"));
    }

    /** Fills endpoints missing from the config with those of the discovery document. */
    public UpstreamOidcSettings withDiscovered(ProviderMetadataCache.Endpoints discovered) {
        return new UpstreamOidcSettings(issuer, discoveryUrl,
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
