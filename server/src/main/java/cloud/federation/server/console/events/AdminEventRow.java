package cloud.federation.server.console.events;

import cloud.federation.realm.model.AdminEventEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One admin event as the events page shows it. The representation was masked of secrets when it was recorded
 * ({@code SecretScrubber}); here it is only indented for reading.
 */
public record AdminEventRow(String id, String time, String actor, String address, String operation,
                            String resourceType, String resourcePath, String representation) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AdminEventRow of(AdminEventEntity e) {
        return new AdminEventRow(e.id, e.time.toString(), e.actorUsername != null ? e.actorUsername : e.actorId,
                e.actorAddress, e.operationType, e.resourceType, e.resourcePath, indented(e.representation));
    }

    private static String indented(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json; // stored by us, so always JSON; shown as stored if not
        }
    }
}
