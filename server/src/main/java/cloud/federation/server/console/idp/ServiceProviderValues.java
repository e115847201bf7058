package cloud.federation.server.console.idp;

/**
 * What an admin pastes into their identity provider for one of our brokers: the values are the same for every
 * vendor, only the vendors' field names differ (shown next to each value on the page).
 */
public record ServiceProviderValues(String entityId, String acsUrl, String metadataUrl, String redirectUri) {

    public static ServiceProviderValues of(String realmIssuer, String alias) {
        String endpoint = realmIssuer + "/broker/" + alias + "/endpoint";
        // SAML: entity id is the realm's issuer, the assertion consumer is the broker endpoint. OIDC: that same
        // endpoint is the redirect URI.
        return new ServiceProviderValues(realmIssuer, endpoint, endpoint + "/descriptor", endpoint);
    }
}
