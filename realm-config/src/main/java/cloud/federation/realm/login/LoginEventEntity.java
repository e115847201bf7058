package cloud.federation.realm.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A sign-on outcome (success or refusal with its reason); records the email domain, never the address. */
@Entity
@Table(name = "login_event")
public class LoginEventEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "event_time", nullable = false)
    public Instant time;

    @Column(name = "realm_name", nullable = false)
    public String realmName;

    @Column(name = "event_type", nullable = false, length = 32)
    public String type;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "idp_alias")
    public String idpAlias;

    @Column(name = "user_id", length = 36)
    public String userId;

    @Column(name = "email_domain", length = 253)
    public String emailDomain;

    public String reason;

    @Column(length = 16)
    public String reference;

    @Column(length = 64)
    public String address;

    public static LoginEventEntity of(String realm, String type) {
        LoginEventEntity event = new LoginEventEntity();
        event.id = UUID.randomUUID().toString();
        event.time = Instant.now();
        event.realmName = realm;
        event.type = type;
        return event;
    }
}
