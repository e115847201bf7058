package cloud.federation.realm.token;

import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.secrets.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * Checks a master-realm admin's username and password, for the token endpoint's password grant and for the console's
 * sign-in page alike: the same lockout per user and per address, the same answer for a wrong password, an unknown
 * user and a disabled one, and the same time spent on each.
 */
@ApplicationScoped
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);
    // Verified against when the user does not exist, so the response time does not reveal valid usernames.
    private volatile String decoyHash;

    @Inject
    PasswordHasher hasher;
    @Inject
    LoginThrottle throttle;

    /** The enabled admin these credentials belong to; empty for every kind of failure, including a lockout. */
    public Optional<AdminUserEntity> check(String username, String password, String address) {
        String userKey = LoginThrottle.userKey(AdminTokens.MASTER, username);
        String addressKey = LoginThrottle.addressKey(address);
        if (throttle.isLocked(userKey, addressKey)) {
            LOG.infof("Admin login refused while locked out (realm master)");
            return Optional.empty();
        }
        AdminUserEntity user = AdminUserEntity.findByUsername(username).orElse(null);
        boolean ok;
        if (user == null) {
            hasher.verify(password, decoy());
            ok = false;
        } else {
            ok = hasher.verify(password, user.passwordHash) && user.enabled;
        }
        if (!ok) {
            throttle.recordFailure(userKey, addressKey);
            LOG.infof("Admin login failed (realm master)");
            return Optional.empty();
        }
        throttle.recordSuccess(userKey);
        return Optional.of(user);
    }

    private String decoy() {
        String hash = decoyHash;
        if (hash == null) {
            hash = hasher.hash(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }
}
