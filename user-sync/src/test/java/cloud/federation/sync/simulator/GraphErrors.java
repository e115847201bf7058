package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Error bodies in the two shapes a Graph client meets: Graph's OData error and Entra's OAuth error. */
final class GraphErrors {

    static final String GRAPH_JSON =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    static final String ENTRA_JSON = "application/json; charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ENTRA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private GraphErrors() {
    }

    /** {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}} */
    static Answer graph(int status, String code, String message, String requestId, String clientRequestId) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        if (status == 429) {
            // The throttling guidance's example nests the status once more inside innerError.
            inner.put("code", "429");
            inner.put("message", "Please retry after");
            inner.put("status", "429");
        }
        inner.put("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId);
        return Answer.of(status, GRAPH_JSON, bytes(root));
    }

    /** Graph's error code and message for a status injected by a fault. */
    static Answer forStatus(int status, String requestId, String clientRequestId) {
        return switch (status) {
            case 400 -> graph(status, "BadRequest", "Bad request.", requestId, clientRequestId);
            case 401 -> graph(status, "InvalidAuthenticationToken", "Access token validation failure.", requestId,
                    clientRequestId);
            case 403 -> graph(status, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.",
                    requestId, clientRequestId);
            case 404 -> graph(status, "Request_ResourceNotFound", "Resource does not exist.", requestId, clientRequestId);
            case 429 -> graph(status, "TooManyRequests", "Please retry again later.", requestId, clientRequestId);
            case 503 -> graph(status, "serviceNotAvailable", "Service Unavailable.", requestId, clientRequestId);
            case 504 -> graph(status, "UnknownError", "", requestId, clientRequestId);
            default -> graph(status, "generalException", "An unspecified error has occurred.", requestId, clientRequestId);
        };
    }

    /**
     * Entra's token endpoint error: {@code error}, {@code error_description} ("AADSTSnnnn: ..." plus trace lines),
     * {@code error_codes}, {@code timestamp}, {@code trace_id}, {@code correlation_id}, {@code error_uri}.
     */
    static Answer entra(int status, String error, int aadsts, String description, String correlationId, String host) {
        String traceId = UUID.randomUUID().toString();
        String timestamp = LocalDateTime.now(ZoneOffset.UTC).format(ENTRA_TIMESTAMP);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("error", error);
        root.put("error_description", "AADSTS" + aadsts + ": " + description + "\r\nTrace ID: " + traceId
                + "\r\nCorrelation ID: " + correlationId + "\r\nTimestamp: " + timestamp);
        root.putArray("error_codes").add(aadsts);
        root.put("timestamp", timestamp);
        root.put("trace_id", traceId);
        root.put("correlation_id", correlationId);
        root.put("error_uri", host + "error?code=" + aadsts);
        return Answer.of(status, ENTRA_JSON, bytes(root))
                .header("Cache-Control", "no-store, no-cache")
                .header("x-ms-request-id", traceId);
    }

    /** Entra's answer to a fault status on the token endpoint. */
    static Answer entraForStatus(int status, String correlationId, String host) {
        return switch (status) {
            case 429 -> entra(status, "temporarily_unavailable", 50196,
                    "The server terminated an operation because it encountered a client request loop.", correlationId, host);
            case 503, 504 -> entra(status, "temporarily_unavailable", 90033,
                    "A transient error has occurred. Please try again.", correlationId, host);
            case 400 -> entra(status, "invalid_request", 900144, "The request is malformed.", correlationId, host);
            case 401 -> entra(status, "invalid_client", 7000215, "Invalid client secret provided.", correlationId, host);
            default -> entra(status, "server_error", 90033, "A transient error has occurred. Please try again.",
                    correlationId, host);
        };
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
