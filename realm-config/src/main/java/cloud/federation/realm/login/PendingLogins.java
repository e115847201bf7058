package cloud.federation.realm.login;

import cloud.federation.realm.secrets.SecretCipher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/** Lookup, sealing of personal fields, and purging of pending logins, codes and sessions past their expiry. */
@ApplicationScoped
public class PendingLogins {

    private static final Logger LOG = Logger.getLogger(PendingLogins.class);

    @Inject
    SecretCipher cipher;

    public void sealLoginHint(PendingLoginEntity login, String loginHint) {
        login.loginHintSealed = loginHint == null || loginHint.isBlank() ? null
                : cipher.encrypt(loginHint, "pending_login/" + login.id + "/login_hint");
    }

    public Optional<String> loginHint(PendingLoginEntity login) {
        return Optional.ofNullable(login.loginHintSealed)
                .map(sealed -> cipher.decrypt(sealed, "pending_login/" + login.id + "/login_hint"));
    }

    public String seal(PendingLoginEntity login, String field, String value) {
        return cipher.encrypt(value, "pending_login/" + login.id + "/" + field);
    }

    public String unseal(PendingLoginEntity login, String field, String sealed) {
        return cipher.decrypt(sealed, "pending_login/" + login.id + "/" + field);
    }

    /** A live pending login of that realm, or empty when unknown, expired or of another realm. */
    public Optional<PendingLoginEntity> find(String realmId, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return PendingLoginEntity.<PendingLoginEntity>findByIdOptional(id)
                .filter(l -> l.realm.id.equals(realmId))
                .filter(l -> !l.expired(Instant.now()));
    }

    @Scheduled(every = "${federation.login.purge-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        Instant now = Instant.now();
        long logins = PendingLoginEntity.delete("expiresAt < ?1", now);
        long codes = AuthorizationCodeEntity.delete("expiresAt < ?1", now.minusSeconds(3600));
        long sessions = LoginSessionEntity.delete("expiresAt < ?1", now);
        SamlReplayEntity.delete("expiresAt < ?1", now);
        if (logins + codes + sessions > 0) {
            LOG.debugf("Purged %d pending logins, %d codes, %d sessions", logins, codes, sessions);
        }
    }
}
