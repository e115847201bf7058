package cloud.federation.oidc.provider;

import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.PendingLogins;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.Issuers;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The suites' authorization endpoint: checks the request, records a pending login, hands over to routing. */
@Path("/realms/{realm}/protocol/openid-connect/auth")
public class AuthorizationResource {

    private static final Logger LOG = Logger.getLogger(AuthorizationResource.class);

    @Inject
    PendingLogins pendingLogins;
    @Inject
    Issuers issuers;
    @Inject
    cloud.federation.realm.FederationConfig config;

    @PathParam("realm")
    String realmName;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response get() {
        return authorize(single(uri.getQueryParameters()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response post(MultivaluedMap<String, String> form) {
        return authorize(single(form));
    }

    private Response authorize(Map<String, String> params) {
        if (params == null) {
            return LoginPages.error(400, "Invalid sign-in request", "A request parameter was repeated.", null);
        }
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        if (realm == null) {
            return LoginPages.error(404, "Unknown organisation", "This sign-in address is not valid.", null);
        }
        String clientId = params.get("client_id");
        AuthorizationRequestCheck.Outcome outcome = AuthorizationRequestCheck.check(params,
                clientId == null ? java.util.Optional.empty() : ClientEntity.findByClientId(realm, clientId));
        if (outcome instanceof AuthorizationRequestCheck.ShowError error) {
            LOG.infof("Authorization request refused in realm %s: %s", realm.name, error.message());
            return LoginPages.error(400, "Invalid sign-in request", error.message(), null);
        }
        String issuer = issuers.issuer(uri, realm.name);
        if (outcome instanceof AuthorizationRequestCheck.RedirectError error) {
            Map<String, String> response = new LinkedHashMap<>();
            response.put("error", error.error());
            response.put("error_description", error.description());
            response.put("state", error.state());
            response.put("iss", issuer);
            return Response.seeOther(RedirectUris.with(error.redirectUri(), response)).build();
        }
        AuthorizationRequestCheck.Valid valid = (AuthorizationRequestCheck.Valid) outcome;
        String binding = BrowserBinding.valueFrom(headers.getCookies());
        PendingLoginEntity login = new PendingLoginEntity();
        login.id = RandomSecrets.urlSafe(32);
        login.realm = realm;
        login.clientId = valid.client().clientId;
        login.redirectUri = valid.redirectUri();
        login.state = valid.state();
        login.nonce = valid.nonce();
        login.scope = valid.scope();
        login.codeChallenge = valid.codeChallenge();
        login.codeChallengeMethod = valid.codeChallengeMethod();
        login.idpHint = valid.idpHint();
        login.browserBinding = BrowserBinding.hash(binding);
        login.createdAt = Instant.now();
        login.expiresAt = login.createdAt.plus(config.login().pendingLoginLifespan());
        pendingLogins.sealLoginHint(login, valid.loginHint());
        login.persist();
        URI route = uri.getBaseUriBuilder().path("realms").path(realm.name).path("login-actions").path("route")
                .queryParam("login", login.id).build();
        return Response.seeOther(route)
                .cookie(BrowserBinding.cookie(realm.name, binding, "https".equals(uri.getBaseUri().getScheme())))
                .header("Cache-Control", "no-store").build();
    }

    /** Each OAuth parameter at most once (RFC 6749 §3.1); null when one repeats. */
    private static Map<String, String> single(MultivaluedMap<String, String> raw) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, java.util.List<String>> e : raw.entrySet()) {
            if (e.getValue().size() > 1) {
                return null;
            }
            out.put(e.getKey(), e.getValue().isEmpty() ? null : e.getValue().get(0));
        }
        return out;
    }
}
