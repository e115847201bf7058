package cloud.federation.realm.audit;

import cloud.federation.realm.model.AdminEventEntity;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Records admin changes inside the caller's transaction, so a change and its audit record land together. */
@ApplicationScoped
public class AuditLog {

    public enum Operation { CREATE, UPDATE, DELETE, ACTION }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AdminPrincipal who, String realm, Operation operation, String resourceType, String resourcePath,
                       Object representation) {
        AdminEventEntity event = new AdminEventEntity();
        event.id = UUID.randomUUID().toString();
        event.time = Instant.now();
        event.realmName = realm;
        event.actorId = who.userId();
        event.actorUsername = who.username();
        event.actorAddress = who.address();
        event.operationType = operation.name();
        event.resourceType = resourceType;
        event.resourcePath = resourcePath;
        event.representation = SecretScrubber.scrubToJson(representation);
        event.persist();
    }
}
