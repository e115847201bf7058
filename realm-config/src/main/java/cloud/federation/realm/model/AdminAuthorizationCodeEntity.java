package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A master-realm authorization code for the admin console, stored by its hash until redeemed or expired. */
@Entity
@Table(name = "admin_authorization_code")
public class AdminAuthorizationCodeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
