package cloud.federation.oidc.broker;

import cloud.federation.realm.token.ClientAddress;
import cloud.federation.oidc.provider.RedirectUris;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamConnectors;
import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.api.UpstreamUnavailableException;
import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.LoginEventEntity;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import cloud.federation.realm.token.Issuers;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream callback for every protocol ({@code /realms/{realm}/broker/{alias}/endpoint}): finds the pending
 * login, lets the protocol's connector validate everything, binds the email to the realm's domains, and answers
 * the suite with a code — or with {@code access_denied} and its state, never a loop.
 */
@Path("/realms/{realm}/broker/{alias}/endpoint")
public class BrokerEndpointResource {

    private static final Logger LOG = Logger.getLogger(BrokerEndpointResource.class);

    @Inject
    UpstreamConnectors connectors;
    @Inject
    BrokeredLogins logins;
    @Inject
    UnsolicitedLogins unsolicited;
    @Inject
    Issuers issuers;
    @Inject
    SignOnMeters meters;
    @Inject
    TestSignIns testSignIns;

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
    @Transactional(dontRollbackOn = Exception.class)
    public Response redirectCallback() {
        return callback(uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional(dontRollbackOn = Exception.class)
    public Response postCallback(MultivaluedMap<String, String> form) {
        return callback(form);
    }

    private Response callback(MultivaluedMap<String, String> params) {
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        IdentityProviderEntity idp = realm == null ? null
                : IdentityProviderEntity.findByAlias(realm, alias).filter(i -> i.enabled).orElse(null);
        UpstreamConnector connector = idp == null ? null
                : connectors.serving(idp.providerId).orElse(null);
        if (connector == null) {
            return LoginPages.error(PageContext.of(headers, uri, realm), 404, LoginError.UNKNOWN_SIGN_IN, null);
        }
        try {
            return callback(realm, idp, connector, params);
        } catch (RuntimeException e) {
            meters.failed(realm, idp, "internal_error");
            throw e;
        }
    }

    private Response callback(RealmEntity realm, IdentityProviderEntity idp, UpstreamConnector connector,
                              MultivaluedMap<String, String> params) {
        Optional<PendingLoginEntity> found = connector.correlate(params)
                .filter(l -> l.realm.id.equals(realm.id) && alias.equals(l.idpAlias) && !l.expired(Instant.now()));
        if (found.isEmpty()) {
            URI callbackUri = URI.create(issuers.issuer(uri, realm.name) + "/broker/" + alias + "/endpoint");
            Optional<Response> restarted;
            try {
                restarted = unsolicited.restart(realm, idp, connector, headers.getCookies(), callbackUri,
                        issuers.secure(uri));
            } catch (UpstreamUnavailableException e) {
                return LoginPages.error(PageContext.of(headers, uri, realm), 502, LoginError.IDP_UNREACHABLE,
                        e.reference());
            }
            if (restarted.isPresent()) {
                event(realm, "LOGIN_RESTARTED", null, null, "unsolicited_response", null);
                return restarted.get();
            }
            event(realm, "LOGIN_ERROR", null, null, "unknown_or_expired_state", null);
            meters.refused(realm, idp, "unknown_or_expired_state");
            return LoginPages.error(PageContext.of(headers, uri, realm), 400, LoginError.EXPIRED, null);
        }
        PendingLoginEntity login = found.get();
        if (!BrowserBinding.matches(login, headers.getCookies())) {
            event(realm, "LOGIN_ERROR", login.clientId, null, "browser_binding_mismatch", null);
            meters.refused(realm, idp, "browser_binding_mismatch");
            return LoginPages.error(PageContext.of(headers, uri, realm), 400, LoginError.STARTED_ELSEWHERE, null);
        }
        String issuer = issuers.issuer(uri, realm.name);
        URI callbackUri = URI.create(issuer + "/broker/" + alias + "/endpoint");
        if (login.testSignIn) {
            return testSignInResult(realm, idp, connector, login, params, callbackUri, issuer);
        }
        UpstreamIdentity identity;
        try {
            identity = connector.complete(idp, login, params, callbackUri);
        } catch (UpstreamLoginException e) {
            String reference = LoginPages.newReference();
            LOG.infof("Upstream login refused: realm %s, idp %s, reason %s, reference %s", realm.name, alias, e.reason(), reference);
            event(realm, "LOGIN_ERROR", login.clientId, null, e.reason(), reference);
            meters.refusedOrFailed(realm, idp, e);
            login.delete();
            Map<String, String> error = Map.of("error", e.oauthError(),
                    "error_description", "The identity provider did not sign the user in (reference " + reference + ")");
            if (e.idpError()) {
                // The IdP's own words are for the user to read before going back; the suite still gets its error.
                return LoginPages.idpError(PageContext.of(headers, uri, realm), reference, e.idpMessage().orElse(null),
                        suiteRedirect(login, issuer, error));
            }
            return toSuite(login, issuer, error);
        }
        Optional<String> refusal = DomainBinding.refusal(realm, idp, identity.email(), identity.emailVerified());
        if (refusal.isPresent()) {
            String reference = LoginPages.newReference();
            LOG.infof("Login refused by domain binding: realm %s, idp %s, domain %s, reason %s, reference %s", realm.name,
                    alias, DomainBinding.domainOf(identity.email()), refusal.get(), reference);
            LoginEventEntity event = event(realm, "LOGIN_ERROR", login.clientId, null, refusal.get(), reference);
            event.emailDomain = DomainBinding.domainOf(identity.email());
            meters.refused(realm, idp, refusal.get());
            login.delete();
            return LoginPages.error(PageContext.of(headers, uri, realm), 403, LoginError.ACCOUNT_NOT_ALLOWED, reference);
        }
        BrokeredLogins.Completed completed = logins.complete(realm, idp, login, identity);
        LoginEventEntity event = event(realm, "LOGIN", login.clientId, completed.user().id, null, null);
        event.emailDomain = DomainBinding.domainOf(identity.email());
        meters.succeeded(realm, idp);
        return toSuite(login, issuer, Map.of("code", completed.code()));
    }

    /**
     * An admin's test sign-in: report what was checked and what a suite would receive, and store nothing but the
     * login event (the email's domain, never the address).
     */
    private Response testSignInResult(RealmEntity realm, IdentityProviderEntity idp, UpstreamConnector connector,
                                      PendingLoginEntity login, MultivaluedMap<String, String> params, URI callbackUri,
                                      String issuer) {
        String reference = LoginPages.newReference();
        login.delete();
        TestSignIns.Outcome outcome = testSignIns.finish(realm, idp, connector, login, params, callbackUri, issuer,
                reference);
        LOG.infof("Test sign-in %s: realm %s, idp %s, domain %s, reason %s, reference %s",
                outcome.reason() == null ? "passed" : "refused", realm.name, alias, outcome.emailDomain(),
                outcome.reason(), reference);
        LoginEventEntity event = event(realm, outcome.reason() == null ? "LOGIN_TEST" : "LOGIN_TEST_ERROR", null, null,
                outcome.reason(), reference);
        event.emailDomain = outcome.emailDomain();
        return LoginPages.testSignInResult(PageContext.of(headers, uri, realm), outcome.report());
    }

    private static Response toSuite(PendingLoginEntity login, String issuer, Map<String, String> parameters) {
        return Response.seeOther(suiteRedirect(login, issuer, parameters)).header("Cache-Control", "no-store").build();
    }

    /** The suite's redirect URI validated when the login started (never one from this request), with the answer. */
    private static URI suiteRedirect(PendingLoginEntity login, String issuer, Map<String, String> parameters) {
        Map<String, String> response = new LinkedHashMap<>(parameters);
        response.put("state", login.state);
        response.put("iss", issuer); // RFC 9207: lets the suite detect mix-up attacks
        return RedirectUris.with(login.redirectUri, response);
    }

    private LoginEventEntity event(RealmEntity realm, String type, String clientId, String userId, String reason,
                                   String reference) {
        LoginEventEntity event = LoginEventEntity.of(realm.name, type);
        event.clientId = clientId;
        event.idpAlias = alias;
        event.userId = userId;
        event.reason = reason;
        event.reference = reference;
        event.address = ClientAddress.of(http);
        event.persist();
        return event;
    }
}
