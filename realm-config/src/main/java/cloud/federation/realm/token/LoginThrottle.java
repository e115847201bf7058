package cloud.federation.realm.token;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.model.LoginFailureEntity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Failed-login bookkeeping per user and per client address, in the database so every node sees it. */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    FederationConfig config;

    private LockoutPolicy userPolicy;
    private LockoutPolicy addressPolicy;

    @PostConstruct
    void init() {
        FederationConfig.BruteForce bf = config.bruteForce();
        userPolicy = new LockoutPolicy(bf.userFreeFailures(), bf.baseDelay(), bf.maxDelay());
        addressPolicy = new LockoutPolicy(bf.addressFreeFailures(), bf.baseDelay(), bf.maxDelay());
    }

    public static String userKey(String realm, String username) {
        return "user:" + realm + ":" + username.toLowerCase(Locale.ROOT);
    }

    public static String addressKey(String address) {
        return "addr:" + address;
    }

    @Transactional
    public boolean isLocked(String userKey, String addressKey) {
        Instant now = Instant.now();
        return lockedAt(userKey, now) || lockedAt(addressKey, now);
    }

    @Transactional
    public void recordFailure(String userKey, String addressKey) {
        bump(userKey, userPolicy);
        bump(addressKey, addressPolicy);
    }

    @Transactional
    public void recordSuccess(String userKey) {
        LoginFailureEntity.deleteById(userKey);
    }

    private static boolean lockedAt(String key, Instant now) {
        LoginFailureEntity row = LoginFailureEntity.findById(key);
        return row != null && row.lockedUntil != null && row.lockedUntil.isAfter(now);
    }

    private static void bump(String key, LockoutPolicy policy) {
        Instant now = Instant.now();
        LoginFailureEntity row = LoginFailureEntity.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new LoginFailureEntity();
            row.subjectKey = key;
            row.failures = 0;
        } else if (row.lastFailure.plus(Duration.ofHours(12)).isBefore(now)) {
            row.failures = 0; // old failures are forgiven
        }
        row.failures++;
        row.lastFailure = now;
        Duration lock = policy.lockAfter(row.failures);
        row.lockedUntil = lock.isZero() ? null : now.plus(lock);
        row.persist();
    }
}
