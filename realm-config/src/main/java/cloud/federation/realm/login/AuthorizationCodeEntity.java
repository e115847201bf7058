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

/** An authorization code issued to a suite; only its SHA-256 is stored. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCodeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "code_hash", length = 64)
    public String codeHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    public LoginSessionEntity session;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "redirect_uri", nullable = false, length = 2000)
    public String redirectUri;

    @Column(length = 2000)
    public String nonce;

    @Column(length = 1000)
    public String scope;

    @Column(name = "code_challenge", length = 128)
    public String codeChallenge;

    @Column(name = "code_challenge_method", length = 8)
    public String codeChallengeMethod;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
