package cloud.federation.realm.token;

import java.time.Duration;

/**
 * Brute-force slow-down: after {@code freeFailures} failures each further failure locks the subject for a delay
 * that doubles per failure up to {@code maxDelay}. During the lock even a correct password is refused.
 */
public record LockoutPolicy(int freeFailures, Duration baseDelay, Duration maxDelay) {

    public Duration lockAfter(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - freeFailures - 1, 30);
        Duration delay = baseDelay.multipliedBy(1L << exponent);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
