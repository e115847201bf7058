package cloud.federation.server.console.session;

import java.time.Duration;
import java.time.Instant;

/** When a console session ends: after {@code idle} without a request, or {@code max} after sign-in regardless. */
public record SessionLifetime(Duration idle, Duration max) {

    /** Pending sign-ins (no admin yet) get this long to come back from the sign-in page. */
    static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(10);

    public boolean alive(ConsoleSessionEntity session, Instant now) {
        if (session.adminUserId == null) {
            return session.createdAt.plus(SIGN_IN_WINDOW).isAfter(now);
        }
        return session.lastSeenAt.plus(idle).isAfter(now) && session.signedInAt.plus(max).isAfter(now);
    }
}
