package cloud.federation.discovery;

import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamConnectors;
import cloud.federation.realm.api.UpstreamUnavailableException;
import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.PendingLogins;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import cloud.federation.realm.token.Issuers;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Routes a pending login to an identity provider: {@code kc_idp_hint}, else the login's domain (one provider →
 * straight there; several → chooser; no login → identifier-first page).
 */
@Path("/realms/{realm}/login-actions/route")
@Produces(MediaType.TEXT_HTML)
public class RouteResource {

    private static final Logger LOG = Logger.getLogger(RouteResource.class);

    @Inject
    PendingLogins pendingLogins;
    @Inject
    RealmRouting routing;
    @Inject
    UpstreamConnectors connectors;
    @Inject
    Issuers issuers;

    @PathParam("realm")
    String realmName;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Transactional
    public Response route(@QueryParam("login") String loginId) {
        return withLogin(loginId, (realm, login) -> {
            if (login.idpHint != null) {
                Optional<IdentityProviderEntity> hinted = IdentityProviderEntity.findByAlias(realm, login.idpHint)
                        .filter(idp -> idp.enabled);
                if (hinted.isPresent()) {
                    return begin(realm, login, hinted.get());
                }
            }
            Optional<String> hint = pendingLogins.loginHint(login);
            return hint.isPresent() ? routeLogin(realm, login, hint.get(), false) : identifierFirst(realm, login, null);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response submit(@FormParam("login") String loginId, @FormParam("username") String username,
                           @FormParam("idp") String chosen) {
        return withLogin(loginId, (realm, login) -> {
            if (chosen != null) {
                Optional<String> hint = pendingLogins.loginHint(login);
                Optional<IdentityProviderEntity> idp = hint.flatMap(h -> routeOf(realm, h))
                        .flatMap(r -> r.providers().stream().filter(p -> p.alias.equals(chosen)).findFirst());
                return idp.map(p -> begin(realm, login, p)).orElseGet(() ->
                        LoginPages.error(page(realm, loginId), 400, LoginError.OPTION_NOT_OFFERED, null));
            }
            if (username == null || username.isBlank()) {
                return identifierFirst(realm, login, LoginPages.FieldError.MISSING_EMAIL);
            }
            pendingLogins.sealLoginHint(login, username.trim());
            return routeLogin(realm, login, username.trim(), true);
        });
    }

    private interface Step {
        Response apply(RealmEntity realm, PendingLoginEntity login);
    }

    private Response withLogin(String loginId, Step step) {
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        if (realm == null) {
            return LoginPages.error(page(null, loginId), 404, LoginError.UNKNOWN_ORGANISATION, null);
        }
        PendingLoginEntity login = pendingLogins.find(realm.id, loginId).orElse(null);
        if (login == null) {
            return LoginPages.error(page(realm, loginId), 400, LoginError.EXPIRED, null);
        }
        if (!BrowserBinding.matches(login, headers.getCookies())) {
            return LoginPages.error(page(realm, loginId), 400, LoginError.STARTED_ELSEWHERE, null);
        }
        return step.apply(realm, login);
    }

    private Optional<RealmRouting.Route> routeOf(RealmEntity realm, String loginHint) {
        try {
            return routing.route(realm, DomainName.ofLogin(loginHint));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Response routeLogin(RealmEntity realm, PendingLoginEntity login, String loginHint, boolean typed) {
        Optional<RealmRouting.Route> route = routeOf(realm, loginHint);
        List<IdentityProviderEntity> providers = route.map(RealmRouting.Route::providers).orElse(List.of());
        String domain = route.map(r -> r.domain().name).orElse("(unknown)");
        LOG.infof("Routing in realm %s: domain %s, %d identity provider(s)", realm.name, domain, providers.size());
        if (providers.isEmpty() && !typed) {
            return LoginPages.error(page(realm, login.id), 404, LoginError.NO_SIGN_IN_FOR_DOMAIN, null,
                    domainOf(loginHint));
        }
        if (providers.isEmpty()) {
            return identifierFirst(realm, login, LoginPages.FieldError.NO_SIGN_IN_FOR_DOMAIN);
        }
        if (providers.size() == 1) {
            return begin(realm, login, providers.get(0));
        }
        return LoginPages.chooser(page(realm, login.id), action(), login.id, providers.stream()
                .map(p -> new LoginPages.Choice(p.alias, p.displayName == null ? p.alias : p.displayName)).toList());
    }

    private Response identifierFirst(RealmEntity realm, PendingLoginEntity login, LoginPages.FieldError error) {
        return LoginPages.identifierFirst(page(realm, login.id), action(), login.id, error);
    }

    private Response begin(RealmEntity realm, PendingLoginEntity login, IdentityProviderEntity idp) {
        Optional<UpstreamConnector> connector = connectors.serving(idp.providerId);
        if (connector.isEmpty()) {
            String reference = LoginPages.newReference();
            LOG.warnf("No connector for provider type %s (idp %s, realm %s), reference %s", idp.providerId, idp.alias,
                    realm.name, reference);
            return LoginPages.error(page(realm, login.id), 501, LoginError.PROVIDER_TYPE_UNSUPPORTED, reference);
        }
        login.idpAlias = idp.alias;
        URI callback = URI.create(issuers.issuer(uri, realm.name) + "/broker/" + idp.alias + "/endpoint");
        try {
            return connector.get().begin(idp, login, pendingLogins.loginHint(login), callback);
        } catch (UpstreamUnavailableException e) {
            return LoginPages.error(page(realm, login.id), 502, LoginError.IDP_UNREACHABLE, e.reference());
        }
    }

    /** The domain the user is told has no sign-in: only the part after the @, never the user's name. */
    private static String domainOf(String loginHint) {
        try {
            return DomainName.ofLogin(loginHint).value();
        } catch (IllegalArgumentException e) {
            int at = loginHint.lastIndexOf('@');
            return at < 0 ? "" : loginHint.substring(at + 1);
        }
    }

    /**
     * Every page here switches language by reloading this login's route page (GET), never by re-posting a form.
     */
    private PageContext page(RealmEntity realm, String loginId) {
        String target = action() + (loginId == null ? "" : "?login=" + URLEncoder.encode(loginId, StandardCharsets.UTF_8));
        return PageContext.of(headers, uri, realm).switchingAt(target);
    }

    private String action() {
        return uri.getBaseUriBuilder().path("realms").path(realmName).path("login-actions").path("route").build().getPath();
    }
}
