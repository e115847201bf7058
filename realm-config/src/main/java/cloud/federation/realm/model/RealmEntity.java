package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A customer organisation (tenant). */
@Entity
@Table(name = "realm")
public class RealmEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "display_name")
    public String displayName;

    public boolean enabled;

    @Column(name = "attributes_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringMap.class)
    public Map<String, String> attributes = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static final String MASTER = "master";

    /** Realm attribute: {@code mail} names LDAP user entries {@code mail=…} instead of {@code uid=…}. */
    public static final String LDAP_USER_RDN = "ldapUserRdn";

    public static boolean isMaster(RealmEntity realm) {
        return MASTER.equals(realm.name);
    }

    /** An enabled realm by name: what sign-on endpoints accept. */
    public static Optional<RealmEntity> findEnabled(String name) {
        return findByName(name).filter(r -> r.enabled);
    }

    public static Optional<RealmEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
