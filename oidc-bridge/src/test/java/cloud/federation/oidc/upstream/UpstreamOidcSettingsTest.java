package cloud.federation.oidc.upstream;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamOidcSettingsTest {

    @Test
    void presetsNameTheWellKnownIssuers() {
        assertEquals("https://idbroker.webex.com/idb",
                UpstreamOidcSettings.from("webex", Map.of("clientId", "c"), Map.of()).issuer());
        assertEquals("https://accounts.google.com",
                UpstreamOidcSettings.from("oidc", Map.of("preset", "google"), Map.of()).issuer());
        assertEquals("https://login.microsoftonline.com/6f0b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b/v2.0",
                UpstreamOidcSettings.from("oidc", Map.of("preset", "entra", "tenantId",
                        "6f0b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"), Map.of()).issuer());
        UpstreamOidcSettings multi = UpstreamOidcSettings.from("oidc", Map.of("preset", "entra-multitenant"), Map.of());
        assertEquals("https://login.microsoftonline.com/{tenantid}/v2.0", multi.issuer());
        assertEquals("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
                multi.discoveryUrl().toString());
        assertEquals("https://contoso.okta.com",
                UpstreamOidcSettings.from("oidc", Map.of("preset", "okta", "oktaDomain", "contoso.okta.com"), Map.of()).issuer());
    }

    @Test
    void webexEndpointsCannotBeRedirectedByTheConfig() {
        UpstreamOidcSettings s = UpstreamOidcSettings.from("webex", Map.of("clientId", "c",
                "issuer", "https://evil.example", "tokenUrl", "https://evil.example/token",
                "authorizationUrl", "https://evil.example/auth", "jwksUrl", "https://evil.example/jwks",
                "userInfoUrl", "https://evil.example/userinfo", "metadataDescriptorUrl", "https://evil.example/d"),
                Map.of("clientSecret", "s"));
        assertEquals(UpstreamOidcSettings.WEBEX_ISSUER, s.issuer());
        assertNull(s.tokenEndpoint());
        assertNull(s.authorizationEndpoint());
        assertNull(s.discoveryUrl());
        assertFalse(s.complete(), "every endpoint comes from Webex's discovery document");
    }

    @Test
    void anExplicitIssuerWinsAndOpenidIsAlwaysRequested() {
        UpstreamOidcSettings s = UpstreamOidcSettings.from("oidc", Map.of("issuer", "https://idp.example",
                "preset", "google", "defaultScope", "email profile", "clientAuthMethod", "client_secret_post"),
                Map.of("clientSecret", "s"));
        assertEquals("https://idp.example", s.issuer());
        assertEquals("openid email profile", s.scope());
        assertEquals(UpstreamOidcSettings.ClientAuth.CLIENT_SECRET_POST, s.clientAuth());
        assertEquals("s", s.clientSecret());
        assertFalse(s.complete(), "endpoints still to be discovered");
        assertNull(s.discoveryUrl());
    }

    @Test
    void claimMappingDefaultsToStandardClaimsAndCanBeChanged() {
        UpstreamOidcSettings standard = UpstreamOidcSettings.from("oidc", Map.of("issuer", "https://i"), Map.of());
        assertEquals("sub", standard.claims().subject());
        assertEquals("email", standard.claims().email());
        UpstreamOidcSettings entra = UpstreamOidcSettings.from("oidc", Map.of("issuer", "https://i", "subjectClaim", "oid",
                "emailClaim", "upn", "clientAuthMethod", "private_key_jwt"), Map.of());
        assertEquals("oid", entra.claims().subject());
        assertEquals("upn", entra.claims().email());
        assertEquals(UpstreamOidcSettings.ClientAuth.PRIVATE_KEY_JWT, entra.clientAuth());
    }
}
