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

/** One completed sign-on of a user at a suite; tokens carry its id ({@code sid}) and die when it is revoked. */
@Entity
@Table(name = "login_session")
public class LoginSessionEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public FederatedUserEntity user;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "idp_alias", nullable = false)
    public String idpAlias;

    public String amr;

    public String acr;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean activeAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
