package cloud.federation.server.console.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Secrets waiting to be shown once to the console session that created them (see {@link ConsoleReveals}). */
@Entity
@Table(name = "console_reveal")
public class ConsoleRevealEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "session_hash", nullable = false)
    public String sessionHash;

    @Column(name = "sealed", nullable = false)
    public String sealed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
