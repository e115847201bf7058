package cloud.federation.server.console.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A console session, keyed by the hash of its cookie value. Until sign-in completes it holds the OAuth state and PKCE
 * verifier of the login in progress and no admin.
 */
@Entity
@Table(name = "console_session")
public class ConsoleSessionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "admin_user_id")
    public String adminUserId;

    @Column(name = "credential_stamp")
    public String credentialStamp;

    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "login_state")
    public String loginState;

    @Column(name = "code_verifier")
    public String codeVerifier;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "signed_in_at")
    public Instant signedInAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
