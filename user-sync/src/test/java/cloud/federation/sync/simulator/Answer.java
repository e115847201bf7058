package cloud.federation.sync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response built before it is sent, so a fault can still decide to send only half of it.
 */
record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

    static Answer of(int status, String contentType, byte[] body) {
        return new Answer(status, contentType, new LinkedHashMap<>(), body);
    }

    static Answer of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Answer header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }
}
