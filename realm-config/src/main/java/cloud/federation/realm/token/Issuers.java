package cloud.federation.realm.token;

import cloud.federation.realm.FederationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

/** Issuer URLs, Keycloak-style: {@code <base>/realms/<realm>}. */
@ApplicationScoped
public class Issuers {

    @Inject
    FederationConfig config;

    public String issuer(UriInfo request, String realm) {
        return baseUrl(request) + "/realms/" + realm;
    }

    /**
     * Whether browsers reach us over TLS: by the public base URL (configured, or as a trusted proxy forwarded it),
     * not the scheme of the hop that reached this node, so cookies stay Secure behind a TLS-terminating proxy.
     */
    public boolean secure(UriInfo request) {
        return baseUrl(request).startsWith("https:");
    }

    public String baseUrl(UriInfo request) {
        String base = config.baseUrl().orElseGet(() -> request.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
