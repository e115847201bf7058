package cloud.federation.discovery;

import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.PendingLogins;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.token.Issuers;
import jakarta.enterprise.inject.Instance;
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
    Instance<UpstreamConnector> connectors;
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
                        LoginPages.error(400, "Sign-in not available", "That sign-in option is not offered for your account.", null));
            }
            if (username == null || username.isBlank()) {
                return identifierFirst(realm, login, "Enter your work email address.");
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
            return LoginPages.error(404, "Unknown organisation", "This sign-in address is not valid.", null);
        }
        PendingLoginEntity login = pendingLogins.find(realm.id, loginId).orElse(null);
        if (login == null) {
            return LoginPages.error(400, "Sign-in expired",
                    "Your sign-in took too long or was already completed. Go back to your application and start again.", null);
        }
        if (!BrowserBinding.matches(login, headers.getCookies())) {
            return LoginPages.error(400, "Sign-in started elsewhere",
                    "This sign-in was started in another browser or tab. Go back to your application and start again.", null);
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
            return LoginPages.error(404, "No sign-in for this domain",
                    "No sign-in is configured for the email domain " + domain + ". Contact your administrator.", null);
        }
        if (providers.isEmpty()) {
            return identifierFirst(realm, login, "No sign-in is configured for that email domain. Check the address or "
                    + "contact your administrator.");
        }
        if (providers.size() == 1) {
            return begin(realm, login, providers.get(0));
        }
        return LoginPages.chooser(displayName(realm), action(), login.id, providers.stream()
                .map(p -> new LoginPages.Choice(p.alias, p.displayName == null ? p.alias : p.displayName)).toList());
    }

    private Response identifierFirst(RealmEntity realm, PendingLoginEntity login, String message) {
        return LoginPages.identifierFirst(displayName(realm), action(), login.id, message);
    }

    private Response begin(RealmEntity realm, PendingLoginEntity login, IdentityProviderEntity idp) {
        Optional<UpstreamConnector> connector = connectors.stream().filter(c -> c.serves(idp.providerId)).findFirst();
        if (connector.isEmpty()) {
            String reference = LoginPages.newReference();
            LOG.warnf("No connector for provider type %s (idp %s, realm %s), reference %s", idp.providerId, idp.alias,
                    realm.name, reference);
            return LoginPages.error(501, "Sign-in not available",
                    "This identity provider type is not supported yet.", reference);
        }
        login.idpAlias = idp.alias;
        URI callback = URI.create(issuers.issuer(uri, realm.name) + "/broker/" + idp.alias + "/endpoint");
        return connector.get().begin(idp, login, pendingLogins.loginHint(login), callback);
    }

    private String action() {
        return uri.getBaseUriBuilder().path("realms").path(realmName).path("login-actions").path("route").build().getPath();
    }

    private static String displayName(RealmEntity realm) {
        return realm.displayName == null || realm.displayName.isBlank() ? realm.name : realm.displayName;
    }
}
