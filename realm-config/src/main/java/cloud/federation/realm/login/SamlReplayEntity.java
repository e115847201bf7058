package cloud.federation.realm.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A consumed SAML assertion ({@code idp entity id + assertion ID}), remembered until the assertion expires. */
@Entity
@Table(name = "saml_replay")
public class SamlReplayEntity extends PanacheEntityBase {

    @Id
    @Column(name = "assertion_key", length = 600)
    public String assertionKey;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
