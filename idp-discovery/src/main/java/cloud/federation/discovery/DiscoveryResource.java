package cloud.federation.discovery;

import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.client.ClientCredentials;
import cloud.federation.realm.client.SuiteAuthenticator;
import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.problem.ProblemResponses;
import cloud.federation.realm.token.Issuers;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code GET /discovery?login_hint=…}: where does this login sign in? Suite-authenticated; answers only about the
 * suite's own realm. Logs the domain, never the user.
 */
@Path("/discovery")
public class DiscoveryResource {

    private static final Logger LOG = Logger.getLogger(DiscoveryResource.class);

    @Inject
    SuiteAuthenticator authenticator;
    @Inject
    RealmRouting routing;
    @Inject
    Issuers issuers;

    public record IdentityProviderSummary(String alias, @JsonProperty("display_name") String displayName,
                                          String protocol) {
    }

    public record DiscoveryAnswer(String realm, String issuer,
                                  @JsonProperty("authorization_endpoint") String authorizationEndpoint,
                                  @JsonProperty("identity_providers") List<IdentityProviderSummary> identityProviders) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response discover(@QueryParam("login_hint") String loginHint,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @Context UriInfo uri, @Context HttpServerRequest http) {
        ClientCredentials credentials = ClientCredentials.fromBasic(authorization).orElse(null);
        if (credentials == null) {
            return unauthorized("Authenticate with the suite's client id and secret (HTTP Basic)");
        }
        String address = ClientAddress.of(http);
        ClientEntity suite = authenticator.authenticateAnywhere(credentials, address).orElse(null);
        if (suite == null) {
            return unauthorized("Invalid client credentials");
        }
        if (loginHint == null || loginHint.isBlank()) {
            throw ProblemException.badRequest("login_hint: is required (user@domain or a domain)");
        }
        DomainName domain;
        try {
            domain = DomainName.ofLogin(loginHint);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("login_hint: does not end in a valid domain");
        }
        DomainEntity owner = routing.owningDomain(domain).orElse(null);
        if (owner == null || !owner.realm.id.equals(suite.realm.id)) {
            // The same answer for "nobody" and "another realm": no cross-realm disclosure.
            LOG.infof("Discovery: no route for domain %s (realm %s)", domain, suite.realm.name);
            throw ProblemException.notFound("No identity provider is configured for domain '" + domain + "'");
        }
        List<IdentityProviderEntity> providers = routing.providersFor(suite.realm, owner);
        LOG.infof("Discovery: domain %s -> realm %s, %d identity provider(s)", domain, suite.realm.name, providers.size());
        String issuer = issuers.issuer(uri, suite.realm.name);
        return Response.ok(new DiscoveryAnswer(suite.realm.name, issuer, issuer + "/protocol/openid-connect/auth",
                providers.stream().map(p -> new IdentityProviderSummary(p.alias,
                        p.displayName == null ? p.alias : p.displayName, protocol(p.providerId))).toList()))
                .header("Cache-Control", "no-store").build();
    }

    private static String protocol(String providerId) {
        return "saml".equals(providerId) ? "saml" : "oidc";
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemResponses.of(401, "Unauthorized", detail))
                .header("WWW-Authenticate", null).header("WWW-Authenticate", "Basic realm=\"discovery\"").build();
    }
}
