package cloud.federation.oidc.broker;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.login.BrowserBinding;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.secrets.RandomSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * IdP-initiated (unsolicited) logins, for identity providers that opt in ({@code allowIdpInitiated=true} and
 * {@code idpInitiatedClientId=<suite>}). The unsolicited message itself is never trusted: it only triggers a fresh
 * SP-initiated login to the same provider for that suite, so every login still has our request, state and binding.
 */
@ApplicationScoped
public class UnsolicitedLogins {

    @Inject
    FederationConfig config;

    public Optional<Response> restart(RealmEntity realm, IdentityProviderEntity idp, UpstreamConnector connector,
                                      Map<String, Cookie> cookies, URI callback, boolean secure) {
        if (!"true".equals(idp.config.get("allowIdpInitiated"))) {
            return Optional.empty();
        }
        Optional<ClientEntity> suite = Optional.ofNullable(idp.config.get("idpInitiatedClientId"))
                .flatMap(id -> ClientEntity.findByClientId(realm, id))
                .filter(c -> c.enabled && !c.redirectUris.isEmpty());
        if (suite.isEmpty()) {
            return Optional.empty();
        }
        String binding = BrowserBinding.valueFrom(cookies);
        PendingLoginEntity login = new PendingLoginEntity();
        login.id = RandomSecrets.urlSafe(32);
        login.realm = realm;
        login.clientId = suite.get().clientId;
        login.redirectUri = suite.get().redirectUris.get(0);
        login.scope = "openid";
        login.browserBinding = BrowserBinding.hash(binding);
        login.idpAlias = idp.alias;
        login.createdAt = Instant.now();
        login.expiresAt = login.createdAt.plus(config.login().pendingLoginLifespan());
        Response start = connector.begin(idp, login, Optional.empty(), callback);
        login.persist();
        return Optional.of(Response.fromResponse(start).cookie(BrowserBinding.cookie(realm.name, binding, secure)).build());
    }
}
