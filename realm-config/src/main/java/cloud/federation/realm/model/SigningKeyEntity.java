package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * A realm signing key. Active keys sign, passive keys only verify (still published in JWKS), disabled keys do
 * neither. The private JWK is stored sealed under the master key.
 */
@Entity
@Table(name = "signing_key")
public class SigningKeyEntity extends PanacheEntityBase {

    public enum Status { ACTIVE, PASSIVE, DISABLED }

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(nullable = false, unique = true, length = 64)
    public String kid;

    @Column(nullable = false, length = 16)
    public String algorithm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(name = "public_jwk", nullable = false, length = 10000)
    public String publicJwk;

    @Column(name = "private_jwk", nullable = false, length = 20000)
    public String privateJwk;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<SigningKeyEntity> listByRealm(RealmEntity realm) {
        return list("realm = ?1 order by createdAt desc", realm);
    }
}
