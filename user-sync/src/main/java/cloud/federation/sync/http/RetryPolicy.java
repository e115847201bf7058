package cloud.federation.sync.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * When to try a request again: throttling and gateway errors, honouring the server's {@code Retry-After} (capped,
 * so a hostile or confused upstream cannot park a run for hours) and otherwise backing off exponentially.
 */
public record RetryPolicy(Set<Integer> retryStatuses, int maxAttempts, Duration baseBackoff, Duration maxWait) {

    public static final Set<Integer> GRAPH_STATUSES = Set.of(429, 503, 504);
    public static final Set<Integer> WEBEX_STATUSES = Set.of(429, 502, 503, 504);

    public boolean retries(int status) {
        return retryStatuses.contains(status);
    }

    /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration waitBefore(int attempt, String retryAfterHeader, Clock clock) {
        Optional<Duration> told = RetryAfter.parse(retryAfterHeader, clock);
        Duration wait = told.orElseGet(() -> baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
