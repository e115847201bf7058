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

/**
 * A one-time link an admin asked for to test-sign-in through one identity provider. Keyed by the SHA-256 of the
 * link's token; deleted when the link is opened, so it works once.
 */
@Entity
@Table(name = "test_sign_in_start")
public class TestSignInStartEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(name = "idp_alias", nullable = false)
    public String idpAlias;

    /** The admin's username, for the audit trail of the test itself. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
