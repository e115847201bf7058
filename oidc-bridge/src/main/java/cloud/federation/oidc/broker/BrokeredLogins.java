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

    /**
     * The session and user a real sign-in with {@code identity} would produce, built by the same rules but never
     * stored: an admin's test sign-in reads its ID token claims from it. {@code user.id} is the user's existing id, or
     * null when this would be their first sign-in (the id is assigned then).
     */
    public LoginSessionEntity preview(RealmEntity realm, IdentityProviderEntity idp, UpstreamIdentity identity) {
        // A fresh object, never the managed row: changing that one would be flushed to the database.
        FederatedUserEntity user = new FederatedUserEntity();
        user.id = FederatedUserEntity.find(realm, idp.alias, identity.subject()).map(u -> u.id).orElse(null);
        applyProfile(user, idp, identity);
        LoginSessionEntity session = new LoginSessionEntity();
        session.user = user;
        applySignIn(session, idp, identity, Instant.now());
        return session;
    }

    /** What the upstream asserted about the person, as our user keeps it (and ID tokens and userinfo show it). */
    private static void applyProfile(FederatedUserEntity user, IdentityProviderEntity idp, UpstreamIdentity identity) {
        user.email = identity.email();
        user.emailVerified = identity.emailVerified() || idp.trustEmail;
        user.name = identity.name();
        user.givenName = identity.givenName();
        user.familyName = identity.familyName();
        user.preferredUsername = identity.preferredUsername() != null ? identity.preferredUsername() : identity.email();
    }

    /** How the person signed in upstream, as the session keeps it for the ID token. */
    private static void applySignIn(LoginSessionEntity session, IdentityProviderEntity idp, UpstreamIdentity identity,
                                    Instant now) {
        session.idpAlias = idp.alias;
        session.amr = identity.amr() == null || identity.amr().isEmpty() ? null : String.join(" ", identity.amr());
        session.acr = identity.acr();
        session.authTime = identity.authTime() != null ? identity.authTime() : now;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Completed complete(RealmEntity realm, IdentityProviderEntity idp, PendingLoginEntity login,
                              UpstreamIdentity identity) {
        Instant now = Instant.now();
        String userId = userIdFor(realm.id, idp.alias, identity.subject());
        FederatedUserEntity user = FederatedUserEntity.findById(userId);
        applyProfile(user, idp, identity);
        user.lastLoginAt = now;
        user.persist();

        LoginSessionEntity session = new LoginSessionEntity();
        session.id = UUID.randomUUID().toString();
        session.realm = realm;
        session.user = user;
        session.clientId = login.clientId;
        applySignIn(session, idp, identity, now);
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
