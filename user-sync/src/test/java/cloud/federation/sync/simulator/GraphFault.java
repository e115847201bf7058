package cloud.federation.sync.simulator;

/**
 * A one-shot misbehaviour of the Graph simulator, aimed at the next request of one {@link Target}. Inject with
 * {@link GraphSimulator#inject(GraphFault)}; each fault is consumed by the request it hits.
 */
public final class GraphFault {

    /** Which requests a fault is aimed at. */
    public enum Target {
        /** users delta requests */
        USERS,
        /** groups delta requests */
        GROUPS,
        /** POST to the token endpoint */
        TOKEN,
        /** users or groups delta requests, whichever comes first */
        ANY_DELTA;

        boolean covers(Target request) {
            return this == request || (this == ANY_DELTA && (request == USERS || request == GROUPS));
        }
    }

    enum Kind { STATUS, GONE, TRUNCATED_BODY, CONNECTION_RESET, MALFORMED_JSON }

    private final Kind kind;
    private final Target target;
    private final int status;
    private final String retryAfter;
    private final int passFirst;

    private GraphFault(Kind kind, Target target, int status, String retryAfter, int passFirst) {
        if (target == null) {
            throw new IllegalArgumentException("target");
        }
        this.kind = kind;
        this.target = target;
        this.status = status;
        this.retryAfter = retryAfter;
        this.passFirst = passFirst;
    }

    /**
     * An error status with Graph's (or, for {@link Target#TOKEN}, Entra's) error body for it: 429 {@code TooManyRequests},
     * 503 {@code serviceNotAvailable}, 504 {@code UnknownError}, others {@code generalException}.
     *
     * @param retryAfterOrNull sent verbatim as Retry-After (delta seconds such as "1" or "0.5", or an HTTP-date); null
     *                         sends none
     */
    public static GraphFault status(Target target, int status, String retryAfterOrNull) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status is 4xx or 5xx: " + status);
        }
        return new GraphFault(Kind.STATUS, target, status, retryAfterOrNull, 0);
    }

    /** 410 Gone with {@code resyncRequired} and a Location header naming a fresh delta request: "start over". */
    public static GraphFault gone(Target target) {
        return new GraphFault(Kind.GONE, target, 410, null, 0);
    }

    /** The real 200 answer with its full Content-Length, but only half the body before the connection closes. */
    public static GraphFault truncatedBody(Target target) {
        return new GraphFault(Kind.TRUNCATED_BODY, target, 200, null, 0);
    }

    /** The connection closes without any response. */
    public static GraphFault connectionReset(Target target) {
        return new GraphFault(Kind.CONNECTION_RESET, target, 0, null, 0);
    }

    /** 200 with a JSON content type and a body that is not valid JSON. */
    public static GraphFault malformedJson(Target target) {
        return new GraphFault(Kind.MALFORMED_JSON, target, 200, null, 0);
    }

    /** {@code fault}, after {@code n} requests of its target have been served normally. */
    public static GraphFault afterRequests(int n, GraphFault fault) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        return new GraphFault(fault.kind, fault.target, fault.status, fault.retryAfter, fault.passFirst + n);
    }

    Kind kind() {
        return kind;
    }

    Target target() {
        return target;
    }

    int statusCode() {
        return status;
    }

    String retryAfter() {
        return retryAfter;
    }

    int passFirst() {
        return passFirst;
    }

    @Override
    public String toString() {
        return "GraphFault[" + kind + " " + target + (kind == Kind.STATUS ? " " + status : "")
                + (retryAfter != null ? " Retry-After=" + retryAfter : "") + (passFirst > 0 ? " after " + passFirst : "") + "]";
    }
}
