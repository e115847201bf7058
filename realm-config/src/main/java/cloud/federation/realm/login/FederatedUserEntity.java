package cloud.federation.realm.login;

import cloud.federation.realm.model.RealmEntity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A person who signed in through an upstream identity provider. Our {@code id} is the {@code sub} suites see:
 * stable per realm, and never the upstream's own identifier.
 */
@Entity
@Table(name = "federated_user")
public class FederatedUserEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(name = "idp_alias", nullable = false)
    public String idpAlias;

    @Column(name = "upstream_subject", nullable = false)
    public String upstreamSubject;

    @Column(length = 320)
    public String email;

    @Column(name = "email_verified")
    public boolean emailVerified;

    @Column(length = 500)
    public String name;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "preferred_username", length = 320)
    public String preferredUsername;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at", nullable = false)
    public Instant lastLoginAt;

    public static Optional<FederatedUserEntity> find(RealmEntity realm, String idpAlias, String upstreamSubject) {
        return find("realm = ?1 and idpAlias = ?2 and upstreamSubject = ?3", realm, idpAlias, upstreamSubject)
                .firstResultOptional();
    }
}
