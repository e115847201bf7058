package cloud.federation.oidc.upstream;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An upstream OpenID Provider as configured on an identity provider (Keycloak's OIDC config keys), with the presets
 * for well-known providers. Endpoints absent from the config come from the issuer's discovery document.
 */
public record UpstreamOidcSettings(String issuer, URI discoveryUrl, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
                                   URI jwksUri, String clientId, String clientSecret, ClientAuth clientAuth,
                                   String scope, boolean forwardLoginHint, ClaimMapping claims) {

    /** How we authenticate at the upstream token endpoint. */
    public enum ClientAuth { CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT }

    /** Which upstream claims carry the stable id, the email and the names (Entra's stable id is {@code oid}). */
    public record ClaimMapping(String subject, String email, String name, String givenName, String familyName,
                               String username) {
        static ClaimMapping from(Map<String, String> config) {
            return new ClaimMapping(config.getOrDefault("subjectClaim", "sub"), config.getOrDefault("emailClaim", "email"),
                    config.getOrDefault("nameClaim", "name"), config.getOrDefault("givenNameClaim", "given_name"),
                    config.getOrDefault("familyNameClaim", "family_name"),
                    config.getOrDefault("usernameClaim", "preferred_username"));
        }
    }

    /** Webex's OpenID Provider (the {@code webex} protocol of the realm model). */
    public static final String WEBEX_ISSUER = "https://idbroker.webex.com/idb";
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final String ENTRA_MULTI_TENANT_ISSUER = "https://login.microsoftonline.com/{tenantid}/v2.0";
    static final String ENTRA_COMMON_DISCOVERY = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    public static UpstreamOidcSettings from(String providerId, Map<String, String> config, Map<String, String> secrets) {
        if ("webex".equals(providerId)) {
            // Webex is Webex: its endpoints come from Webex's own discovery document, never from the config. A realm
            // admin could otherwise point the token request (and with it the client secret) at a host of theirs.
            Map<String, String> pinned = new java.util.HashMap<>(config);
            List.of("issuer", "metadataDescriptorUrl", "authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl")
                    .forEach(pinned::remove);
            config = pinned;
        }
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
                secrets.get("clientSecret"), clientAuth(config.get("clientAuthMethod")), scope.trim(),
                "true".equals(config.get("loginHint")), ClaimMapping.from(config));
    }

    /** Fills endpoints missing from the config with those of the discovery document. */
    public UpstreamOidcSettings withDiscovered(ProviderMetadataCache.Endpoints discovered) {
        return new UpstreamOidcSettings(issuer, discoveryUrl,
                authorizationEndpoint != null ? authorizationEndpoint : discovered.authorization(),
                tokenEndpoint != null ? tokenEndpoint : discovered.token(),
                userinfoEndpoint != null ? userinfoEndpoint : discovered.userinfo(),
                jwksUri != null ? jwksUri : discovered.jwks(),
                clientId, clientSecret, clientAuth, scope, forwardLoginHint, claims);
    }

    public boolean complete() {
        return authorizationEndpoint != null && tokenEndpoint != null && jwksUri != null;
    }

    private static ClientAuth clientAuth(String method) {
        return switch (method == null ? "" : method) {
            case "client_secret_post" -> ClientAuth.CLIENT_SECRET_POST;
            case "private_key_jwt" -> ClientAuth.PRIVATE_KEY_JWT;
            default -> ClientAuth.CLIENT_SECRET_BASIC;
        };
    }

    private static URI uri(String value) {
        return value == null || value.isBlank() ? null : URI.create(value.trim());
    }
}
