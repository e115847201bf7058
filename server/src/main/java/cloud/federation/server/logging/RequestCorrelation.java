package cloud.federation.server.logging;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request an id: in the log's MDC as {@code requestId} (a field of each JSON log line written while
 * the request is handled, on whichever thread) and in the {@code X-Request-Id} response header, so a response a
 * suite or a user reports can be matched with its log lines. An id a proxy already assigned is kept when it looks
 * like one; anything else in that header could carry text we must not log, so it is replaced.
 */
@ApplicationScoped
public class RequestCorrelation {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern PROXY_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void install(@Observes Router router) {
        // Before every other route, so the id is in place for all of them, errors included.
        router.route().order(-10_000).handler(RequestCorrelation::tag);
    }

    private static void tag(RoutingContext context) {
        String id = context.request().getHeader(HEADER);
        if (id == null || !PROXY_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        // Quarkus keeps the MDC with the request's Vert.x context, so it follows the request onto worker threads.
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
