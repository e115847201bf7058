package cloud.federation.oidc.broker;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.login.AuthorizationCodeEntity;
import cloud.federation.realm.login.FederatedUserEntity;
import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.secrets.Digests;
import cloud.federation.realm.secrets.RandomSecrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Turns a validated upstream identity into our user, a sign-on session and a one-time code for the suite. */
@ApplicationScoped
public class BrokeredLogins {

    @Inject
    FederationConfig config;

    public record Completed(String code, FederatedUserEntity user, LoginSessionEntity session) {
    }

    /**
     * Our id for an upstream subject, creating the user in its own transaction: two first logins of the same person
     * at once (two tabs, two suites) must not fail on the unique key; the loser reads the winner's row.
     */
    String userIdFor(String realmId, String idpAlias, String subject) {
        for (int attempt = 0; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    RealmEntity realm = RealmEntity.findById(realmId);
                    return FederatedUserEntity.find(realm, idpAlias, subject).map(u -> u.id).orElseGet(() -> {
                        FederatedUserEntity created = new FederatedUserEntity();
                        created.id = UUID.randomUUID().toString();
                        created.realm = realm;
                        created.idpAlias = idpAlias;
                        created.upstreamSubject = subject;
                        created.createdAt = Instant.now();
                        created.lastLoginAt = created.createdAt;
                        created.persistAndFlush();
                        return created.id;
                    });
                });
            } catch (RuntimeException raced) {
                if (attempt >= 2) {
                    throw raced;
                }
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Completed complete(RealmEntity realm, IdentityProviderEntity idp, PendingLoginEntity login,
                              UpstreamIdentity identity) {
        Instant now = Instant.now();
        String userId = userIdFor(realm.id, idp.alias, identity.subject());
        FederatedUserEntity user = FederatedUserEntity.findById(userId);
        user.email = identity.email();
        user.emailVerified = identity.emailVerified() || idp.trustEmail;
        user.name = identity.name();
        user.givenName = identity.givenName();
        user.familyName = identity.familyName();
        user.preferredUsername = identity.preferredUsername() != null ? identity.preferredUsername() : identity.email();
        user.lastLoginAt = now;
        user.persist();

        LoginSessionEntity session = new LoginSessionEntity();
        session.id = UUID.randomUUID().toString();
        session.realm = realm;
        session.user = user;
        session.clientId = login.clientId;
        session.idpAlias = idp.alias;
        session.amr = identity.amr() == null || identity.amr().isEmpty() ? null : String.join(" ", identity.amr());
        session.acr = identity.acr();
        session.authTime = identity.authTime() != null ? identity.authTime() : now;
        session.createdAt = now;
        session.expiresAt = now.plus(config.login().sessionLifespan());
        session.persist();

        String code = RandomSecrets.urlSafe(32);
        AuthorizationCodeEntity row = new AuthorizationCodeEntity();
        row.codeHash = Digests.sha256Hex(code);
        row.realm = realm;
        row.session = session;
        row.clientId = login.clientId;
        row.redirectUri = login.redirectUri;
        row.nonce = login.nonce;
        row.scope = login.scope;
        row.codeChallenge = login.codeChallenge;
        row.codeChallengeMethod = login.codeChallengeMethod;
        row.createdAt = now;
        row.expiresAt = now.plus(config.login().codeLifespan());
        row.persist();
        login.delete();
        return new Completed(code, user, session);
    }
}
