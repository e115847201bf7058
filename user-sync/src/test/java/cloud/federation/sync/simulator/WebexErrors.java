package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webex's JSON and its error body, {@code {"message", "errors":[{"description"}], "trackingId"}}. */
final class WebexErrors {

    static final String JSON_TYPE = "application/json;charset=UTF-8";
    static final String NEEDS_TOKEN = "The request requires a valid access token set in the Authorization request header.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebexErrors() {
    }

    static Answer error(int status, String message, String trackingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("errors", List.of(Map.of("description", message)));
        body.put("trackingId", trackingId);
        Answer answer = Answer.of(status, JSON_TYPE, bytes(body));
        return status == 401 ? answer.header("WWW-Authenticate", "Bearer") : answer;
    }

    /** Webex's error for a status injected by a fault; the wording follows the API reference's response codes. */
    static Answer forStatus(int status, String trackingId) {
        String message = switch (status) {
            case 401 -> NEEDS_TOKEN;
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway. The server received an invalid response from an upstream server.";
            case 503 -> "Service Unavailable. Server is overloaded with requests. Try again later.";
            case 504 -> "Gateway Timeout. An upstream server failed to respond on time.";
            default -> "Something went wrong on the server.";
        };
        return error(status, message, trackingId);
    }

    static Answer json(Object body) {
        return Answer.of(200, JSON_TYPE, bytes(body));
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
