package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import cloud.federation.realm.token.LockoutPolicy;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bind throttle on a clock the test moves, and once over the wire. */
class BindThrottleTest {

    static final String ADDRESS = "192.0.2.10";
    static final String OTHER_ADDRESS = "192.0.2.99";

    /** A clock that only moves when told to. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    static DN suite(String clientId) {
        try {
            return new DN("cn=" + clientId + ",ou=suites,o=contoso,dc=federation,dc=cloud");
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    BindThrottle throttle(int accountFree, int addressFree, Duration base, Duration max) {
        return new BindThrottle(new LockoutPolicy(accountFree, base, max), new LockoutPolicy(addressFree, base, max), clock);
    }

    static void fail(BindThrottle t, DN dn, String address, int times) {
        for (int i = 0; i < times; i++) {
            t.failed(dn, address);
        }
    }

    @Test
    void freeFailuresThenLocksThatDoubleUpToTheMaximum() {
        BindThrottle t = throttle(3, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(8));
        DN dn = suite("a");
        fail(t, dn, ADDRESS, 3);
        assertEquals(Optional.empty(), t.locked(dn, ADDRESS), "three failures are free");

        Duration expected = Duration.ofSeconds(1);
        for (int failure = 4; failure <= 8; failure++) {
            t.failed(dn, ADDRESS);
            assertEquals(Optional.of(expected), t.locked(dn, ADDRESS), "after failure " + failure);
            clock.advance(expected.minusMillis(1));
            assertTrue(t.locked(dn, ADDRESS).isPresent(), "still locked just before the end");
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), t.locked(dn, ADDRESS), "unlocked at the end of the delay");
            expected = expected.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8)
                    : expected.multipliedBy(2);
        }
    }

    @Test
    void aLockedAccountIsLockedWhateverThePasswordAndSuccessClearsItsCount() {
        BindThrottle t = throttle(2, 1_000, Duration.ofSeconds(10), Duration.ofMinutes(5));
        DN dn = suite("a");
        fail(t, dn, ADDRESS, 2);
        t.succeeded(dn, ADDRESS);
        fail(t, dn, ADDRESS, 2);
        assertEquals(Optional.empty(), t.locked(dn, ADDRESS), "a success starts the count again");

        t.failed(dn, ADDRESS);
        assertTrue(t.locked(dn, ADDRESS).isPresent());
        // The handler asks locked() before it looks at the password at all: a right password cannot get through.
        assertEquals(Optional.of(Duration.ofSeconds(10)), t.locked(dn, ADDRESS));
        assertEquals(Optional.empty(), t.locked(dn, OTHER_ADDRESS), "the same DN from elsewhere is another account");
        assertEquals(Optional.empty(), t.locked(suite("b"), ADDRESS), "another DN from here is another account");
        assertTrue(t.locked(suite("A"), ADDRESS).isPresent(), "DNs compare normalised");
    }

    @Test
    void theAddressIsLockedAfterItsFreeFailuresSpreadOverManyDns() {
        BindThrottle t = throttle(5, 10, Duration.ofSeconds(1), Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            t.failed(suite("guess-" + i), ADDRESS);
        }
        assertEquals(Optional.empty(), t.locked(suite("fresh"), ADDRESS), "ten failures over ten DNs are free");
        t.failed(suite("guess-10"), ADDRESS);
        assertEquals(Optional.of(Duration.ofSeconds(1)), t.locked(suite("fresh"), ADDRESS),
                "the eleventh locks the address for every DN");
        assertEquals(Optional.empty(), t.locked(suite("fresh"), OTHER_ADDRESS), "other addresses are not affected");

        t.succeeded(suite("fresh"), ADDRESS);
        assertTrue(t.locked(suite("fresh"), ADDRESS).isPresent(), "a success clears the account, not the address");
    }

    @Test
    void aKeyQuietForLongerThanTheMaximumDelayStartsAfresh() {
        BindThrottle t = throttle(2, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(8));
        DN dn = suite("a");
        fail(t, dn, ADDRESS, 6);
        assertEquals(Optional.of(Duration.ofSeconds(8)), t.locked(dn, ADDRESS));

        clock.advance(Duration.ofSeconds(8));
        t.failed(dn, ADDRESS);
        assertEquals(Optional.of(Duration.ofSeconds(8)), t.locked(dn, ADDRESS), "8 s of quiet is not more than max");

        clock.advance(Duration.ofSeconds(8).plusMillis(1));
        t.failed(dn, ADDRESS);
        assertEquals(Optional.empty(), t.locked(dn, ADDRESS), "forgotten: this failure is the first free one again");
        t.failed(dn, ADDRESS);
        assertEquals(Optional.empty(), t.locked(dn, ADDRESS), "and the second");
        t.failed(dn, ADDRESS);
        assertEquals(Optional.of(Duration.ofSeconds(1)), t.locked(dn, ADDRESS), "the third locks for the base delay");
    }

    @Test
    void overTheWireTheBindAfterTheLockingFailureIsAdminLimitExceededEvenWithTheRightPassword() throws Exception {
        SuiteCredentials credentials = new SuiteCredentials();
        credentials.put("contoso", "suite-a", GeneratedSecretDigest.digest("right-a"));
        credentials.put("contoso", "suite-b", GeneratedSecretDigest.digest("right-b"));
        RealmTrees trees = new RealmTrees();
        trees.publish(RealmTree.build("contoso", TestListener.users("c", 3), List.of(), List.of("suite-a", "suite-b"),
                false, Instant.now()));
        BindThrottle throttle = new BindThrottle(new LockoutPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(5)),
                new LockoutPolicy(100, Duration.ofMinutes(1), Duration.ofMinutes(5)), Clock.systemUTC());
        String a = suite("suite-a").toString();
        try (TestListener server = TestListener.start(TestListener.context(credentials, trees, FacadeLimits.defaults(),
                throttle, null)); LDAPConnection c = server.connect()) {
            for (int i = 1; i <= 4; i++) {
                assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                        () -> c.bind(a, "wrong")).getResultCode(), "failure " + i + " is still just a wrong password");
            }
            LDAPException locked = assertThrows(LDAPException.class, () -> c.bind(a, "right-a"));
            assertEquals(ResultCode.ADMIN_LIMIT_EXCEEDED, locked.getResultCode());
            assertTrue(locked.getDiagnosticMessage().contains("try again"), locked.getDiagnosticMessage());
            assertEquals(ResultCode.SUCCESS, c.bind(suite("suite-b").toString(), "right-b").getResultCode(),
                    "another suite from the same address is not locked by this account's failures");
        }
    }
}
