package cloud.federation.realm.idp.importer;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an OpenID Provider's discovery document into Keycloak's OIDC identity provider config keys. */
public final class OidcDiscoveryImporter {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private OidcDiscoveryImporter() {
    }

    public static Map<String, String> importDiscovery(URI source, byte[] json) throws ImportException {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new ImportException("Not an OpenID Connect discovery document: " + e.getMessage());
        }
        String issuer = metadata.getIssuer().getValue();
        String expected = expectedIssuer(source);
        if (expected != null && !strip(issuer).equals(strip(expected))) {
            // OpenID Connect Discovery §4.3: the issuer must be the URL the document was fetched under.
            throw new ImportException("Issuer mismatch: the document at " + source + " declares issuer '" + issuer
                    + "', expected '" + expected + "'");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null) {
            throw new ImportException("Discovery document lacks authorization_endpoint or token_endpoint");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("authorizationUrl", metadata.getAuthorizationEndpointURI().toString());
        config.put("tokenUrl", metadata.getTokenEndpointURI().toString());
        if (metadata.getUserInfoEndpointURI() != null) {
            config.put("userInfoUrl", metadata.getUserInfoEndpointURI().toString());
        }
        if (metadata.getEndSessionEndpointURI() != null) {
            config.put("logoutUrl", metadata.getEndSessionEndpointURI().toString());
        }
        if (metadata.getJWKSetURI() != null) {
            config.put("jwksUrl", metadata.getJWKSetURI().toString());
            config.put("useJwksUrl", "true");
        }
        config.put("validateSignature", "true");
        config.put("metadataDescriptorUrl", source.toString());
        return config;
    }

    private static String expectedIssuer(URI source) {
        String url = source.toString();
        return url.endsWith(WELL_KNOWN) ? url.substring(0, url.length() - WELL_KNOWN.length()) : null;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
