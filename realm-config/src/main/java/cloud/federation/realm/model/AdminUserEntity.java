package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A user of the master realm who may administer realms. {@code managedRealm} null means an operator (every realm);
 * otherwise the user administers that one realm only.
 */
@Entity
@Table(name = "admin_user")
public class AdminUserEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    public boolean enabled;

    @Column(name = "managed_realm")
    public String managedRealm;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<AdminUserEntity> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
