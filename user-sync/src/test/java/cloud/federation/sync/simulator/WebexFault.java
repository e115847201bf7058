package cloud.federation.sync.simulator;

/**
 * A one-shot misbehaviour of the Webex simulator. It hits the next API request (any path except
 * {@code /v1/access_token}, so a token refresh never eats a fault meant for the data call).
 */
public final class WebexFault {

    enum Kind { STATUS, CONNECTION_RESET, MALFORMED_JSON }

    private final Kind kind;
    private final int status;
    private final String retryAfter;
    private final int passFirst;

    private WebexFault(Kind kind, int status, String retryAfter, int passFirst) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.passFirst = passFirst;
    }

    /**
     * An error status (typically 429, 502, 503, 504) with Webex's error body.
     *
     * @param retryAfterOrNull sent verbatim as Retry-After; null sends none
     */
    public static WebexFault status(int status, String retryAfterOrNull) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status is 4xx or 5xx: " + status);
        }
        return new WebexFault(Kind.STATUS, status, retryAfterOrNull, 0);
    }

    /** The connection closes without any response. */
    public static WebexFault connectionReset() {
        return new WebexFault(Kind.CONNECTION_RESET, 0, null, 0);
    }

    /** 200 with a JSON content type and a body that is not valid JSON. */
    public static WebexFault malformedJson() {
        return new WebexFault(Kind.MALFORMED_JSON, 200, null, 0);
    }

    /** {@code fault}, after {@code n} API requests have been served normally. */
    public static WebexFault afterRequests(int n, WebexFault fault) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        return new WebexFault(fault.kind, fault.status, fault.retryAfter, fault.passFirst + n);
    }

    Kind kind() {
        return kind;
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
        return "WebexFault[" + kind + (kind == Kind.STATUS ? " " + status : "")
                + (retryAfter != null ? " Retry-After=" + retryAfter : "") + (passFirst > 0 ? " after " + passFirst : "") + "]";
    }
}
