package cloud.federation.oidc.provider;

import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.PendingLogins;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import cloud.federation.realm.pages.PageLanguage;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
            return LoginPages.error(PageContext.of(headers, uri, null), 400, LoginError.REPEATED_PARAMETER, null);
        }
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        if (realm == null) {
            return LoginPages.error(PageContext.of(headers, uri, null), 404, LoginError.UNKNOWN_ORGANISATION, null);
        }
        String clientId = params.get("client_id");
        AuthorizationRequestCheck.Outcome outcome = AuthorizationRequestCheck.check(params,
                clientId == null ? java.util.Optional.empty() : ClientEntity.findByClientId(realm, clientId));
        if (outcome instanceof AuthorizationRequestCheck.ShowError error) {
            LOG.infof("Authorization request refused in realm %s: %s", realm.name, error.message());
            return LoginPages.errorWithDetail(PageContext.of(headers, uri, realm), 400, LoginError.INVALID_REQUEST,
                    error.message());
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
        boolean secure = issuers.secure(uri);
        List<NewCookie> cookies = new ArrayList<>(List.of(BrowserBinding.cookie(realm.name, binding, secure)));
        // The suite's ui_locales (OIDC Core §3.1.2.1) carries to every page of this login like the page's own switch.
        PageLanguage.firstOf(params.get("ui_locales")).ifPresent(language -> cookies.add(language.cookie(secure)));
        return Response.seeOther(route).cookie(cookies.toArray(NewCookie[]::new))
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
