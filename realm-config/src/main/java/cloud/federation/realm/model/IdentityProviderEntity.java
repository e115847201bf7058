package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An upstream identity provider of a realm. Secret config values live only in {@link #secretConfig}, encrypted. */
@Entity
@Table(name = "identity_provider")
public class IdentityProviderEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(nullable = false)
    public String alias;

    @Column(name = "provider_id", nullable = false, length = 32)
    public String providerId;

    public boolean enabled;

    @Column(name = "display_name")
    public String displayName;

    public int priority;

    @Column(name = "trust_email")
    public boolean trustEmail;

    @Column(name = "hide_on_login")
    public boolean hideOnLogin;

    @Column(name = "config_json", nullable = false, length = 1000000)
    @Convert(converter = JsonConverters.StringMap.class)
    public Map<String, String> config = new LinkedHashMap<>();

    /** AES-GCM sealed JSON map of the secret config keys (e.g. clientSecret). */
    @Column(name = "secret_config", length = 100000)
    public String secretConfig;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<IdentityProviderEntity> listByRealm(RealmEntity realm) {
        return list("realm = ?1 order by priority, alias", realm);
    }

    public static Optional<IdentityProviderEntity> findByAlias(RealmEntity realm, String alias) {
        return find("realm = ?1 and alias = ?2", realm, alias).firstResultOptional();
    }
}
