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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps an upstream claim or attribute onto our user (Keycloak's identity provider mapper). */
@Entity
@Table(name = "idp_mapper")
public class IdpMapperEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "idp_id")
    public IdentityProviderEntity identityProvider;

    @Column(nullable = false)
    public String name;

    @Column(name = "mapper_type", nullable = false)
    public String mapperType;

    @Column(name = "config_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringMap.class)
    public Map<String, String> config = new LinkedHashMap<>();

    public static List<IdpMapperEntity> listByProvider(IdentityProviderEntity idp) {
        return list("identityProvider = ?1 order by name", idp);
    }
}
