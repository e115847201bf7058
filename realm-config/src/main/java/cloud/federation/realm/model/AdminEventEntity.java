package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One recorded admin change; {@code representation} is already scrubbed of secrets. */
@Entity
@Table(name = "admin_event")
public class AdminEventEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "event_time", nullable = false)
    public Instant time;

    @Column(name = "realm_name", nullable = false)
    public String realmName;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_username")
    public String actorUsername;

    @Column(name = "actor_address", length = 64)
    public String actorAddress;

    @Column(name = "operation_type", nullable = false, length = 16)
    public String operationType;

    @Column(name = "resource_type", nullable = false, length = 64)
    public String resourceType;

    @Column(name = "resource_path", nullable = false, length = 1000)
    public String resourcePath;

    @Column(length = 100000)
    public String representation;
}
