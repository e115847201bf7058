package cloud.federation.oidc.broker;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamConnectors;
import cloud.federation.realm.api.UpstreamUnavailableException;
import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.LoginEventEntity;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.TestSignInStarts;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.token.Issuers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens an admin's one-time test sign-in link: consumes its token and starts an ordinary upstream login (the same
 * connector, state and browser binding as a suite's), marked as a test so the callback reports instead of signing in.
 */
@Path("/realms/{realm}/broker/{alias}/test-sign-in")
public class TestSignInStartResource {

    private static final Logger LOG = Logger.getLogger(TestSignInStartResource.class);

    @Inject
    UpstreamConnectors connectors;
    @Inject
    TestSignInStarts starts;
    @Inject
    Issuers issuers;
    @Inject
    FederationConfig config;

    @PathParam("realm")
    String realmName;
    @PathParam("alias")
    String alias;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServerRequest http;

    @GET
    @Transactional
    public Response start(@QueryParam("token") String token) {
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        IdentityProviderEntity idp = realm == null ? null
                : IdentityProviderEntity.findByAlias(realm, alias).filter(i -> i.enabled).orElse(null);
        UpstreamConnector connector = idp == null ? null
                : connectors.serving(idp.providerId).orElse(null);
        if (connector == null) {
            return LoginPages.error(PageContext.of(headers, uri, realm), 404, LoginError.UNKNOWN_SIGN_IN, null);
        }
        if (starts.redeem(realm.id, idp.alias, token).isEmpty()) {
            LOG.infof("Test sign-in link refused (used, expired or unknown): realm %s, idp %s", realm.name, alias);
            event(realm, "LOGIN_TEST_ERROR", "test_link_used_or_expired");
            return LoginPages.error(PageContext.of(headers, uri, realm), 400, LoginError.EXPIRED, null);
        }
        String binding = BrowserBinding.valueFrom(headers.getCookies());
        PendingLoginEntity login = new PendingLoginEntity();
        login.id = RandomSecrets.urlSafe(32);
        login.realm = realm;
        login.testSignIn = true;
        login.scope = "openid";
        login.browserBinding = BrowserBinding.hash(binding);
        login.idpAlias = idp.alias;
        login.createdAt = Instant.now();
        login.expiresAt = login.createdAt.plus(config.login().pendingLoginLifespan());
        URI callback = URI.create(issuers.issuer(uri, realm.name) + "/broker/" + idp.alias + "/endpoint");
        Response upstream;
        try {
            upstream = connector.begin(idp, login, Optional.empty(), callback);
        } catch (UpstreamUnavailableException e) {
            event(realm, "LOGIN_TEST_ERROR", "idp_unavailable");
            return LoginPages.error(PageContext.of(headers, uri, realm), 502, LoginError.IDP_UNREACHABLE, e.reference());
        }
        login.persist();
        return Response.fromResponse(upstream)
                .cookie(BrowserBinding.cookie(realm.name, binding, issuers.secure(uri))).build();
    }

    private void event(RealmEntity realm, String type, String reason) {
        LoginEventEntity event = LoginEventEntity.of(realm.name, type);
        event.idpAlias = alias;
        event.reason = reason;
        event.address = ClientAddress.of(http);
        event.persist();
    }
}
