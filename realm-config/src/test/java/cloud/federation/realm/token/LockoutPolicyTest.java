package cloud.federation.realm.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockoutPolicyTest {

    private final LockoutPolicy policy = new LockoutPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(15));

    @Test
    void toleratesTheFreeFailures() {
        assertEquals(Duration.ZERO, policy.lockAfter(0));
        assertEquals(Duration.ZERO, policy.lockAfter(3));
    }

    @Test
    void doublesTheWaitPerFurtherFailureUpToTheCap() {
        assertEquals(Duration.ofSeconds(2), policy.lockAfter(4));
        assertEquals(Duration.ofSeconds(4), policy.lockAfter(5));
        assertEquals(Duration.ofSeconds(8), policy.lockAfter(6));
        assertEquals(Duration.ofMinutes(15), policy.lockAfter(20));
        assertEquals(Duration.ofMinutes(15), policy.lockAfter(10_000));
    }
}
