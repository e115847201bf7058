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
import java.util.Map;

/** A cloud directory a realm syncs users from (Entra ID or Webex); the sync issue gives it behaviour. */
@Entity
@Table(name = "directory_source")
public class DirectorySourceEntity extends PanacheEntityBase {

    public enum Kind { entra, webex }

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    public boolean enabled;

    @Column(name = "config_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringMap.class)
    public Map<String, String> config = new LinkedHashMap<>();

    /** AES-GCM sealed JSON map of credentials (client secret, refresh token). */
    @Column(name = "secret_config", length = 100000)
    public String secretConfig;

    @Column(length = 10000)
    public String filter;

    public String schedule;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
