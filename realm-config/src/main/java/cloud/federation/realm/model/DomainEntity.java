package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A login domain; unique across all realms, stored lower-case ASCII (IDN as punycode). */
@Entity
@Table(name = "realm_domain")
public class DomainEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(nullable = false, unique = true, length = 253)
    public String name;

    @Column(name = "match_subdomains")
    public boolean matchSubdomains;

    public boolean verified;

    @Column(name = "verification_token", length = 64)
    public String verificationToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** The last DNS check of a domain not verified yet, and why it failed (null after success). */
    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_check_error", length = 500)
    public String lastCheckError;

    public static List<DomainEntity> listByRealm(RealmEntity realm) {
        return list("realm = ?1 order by name", realm);
    }

    public static Optional<DomainEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
