package cloud.federation.sync.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void wholeDecimalAndDateForms() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse("3", NOW));
        assertEquals(Optional.of(Duration.ofMillis(2128)), RetryAfter.parse("2.128", NOW));
        assertEquals(Optional.of(Duration.ofMillis(500)), RetryAfter.parse(" 0.5 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("Thu, 26 Nov 2026 10:00:07 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Nov 2026 09:59:00 GMT", NOW), "past dates: now");
    }

    @Test
    void unreadableValuesAreIgnored() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-4", NOW));
    }

    @Test
    void thePolicyCapsTheWaitAndBacksOffWithoutAHeader() {
        RetryPolicy policy = new RetryPolicy(Set.of(429), 5, Duration.ofMillis(100), Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(30), policy.waitBefore(1, "3600", NOW));
        assertEquals(Duration.ofMillis(100), policy.waitBefore(1, null, NOW));
        assertEquals(Duration.ofMillis(400), policy.waitBefore(3, null, NOW));
    }
}
