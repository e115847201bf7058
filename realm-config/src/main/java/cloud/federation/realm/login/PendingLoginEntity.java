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
 * A suite's authorization request in progress: created by the authorization endpoint, routed to an identity
 * provider, finished by that provider's callback on whichever node receives it. Bound to the browser that started
 * it by {@link #browserBinding} (hash of a cookie value), so a link to it is useless in another browser.
 */
@Entity
@Table(name = "pending_login")
public class PendingLoginEntity extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    /** The suite; null only for an admin's {@link #testSignIn}. */
    @Column(name = "client_id")
    public String clientId;

    /** The suite's validated redirect URI; null only for an admin's {@link #testSignIn}. */
    @Column(name = "redirect_uri", length = 2000)
    public String redirectUri;

    @Column(length = 2000)
    public String state;

    @Column(length = 2000)
    public String nonce;

    @Column(length = 1000)
    public String scope;

    @Column(name = "code_challenge", length = 128)
    public String codeChallenge;

    @Column(name = "code_challenge_method", length = 8)
    public String codeChallengeMethod;

    /** The login hint is personal data: sealed under the master key and deleted with the row. */
    @Column(name = "login_hint_sealed", length = 2000)
    public String loginHintSealed;

    @Column(name = "idp_hint")
    public String idpHint;

    @Column(name = "browser_binding", nullable = false, length = 64)
    public String browserBinding;

    @Column(name = "idp_alias")
    public String idpAlias;

    @Column(name = "upstream_state", length = 64)
    public String upstreamState;

    @Column(name = "upstream_nonce", length = 64)
    public String upstreamNonce;

    @Column(name = "upstream_verifier_sealed", length = 500)
    public String upstreamVerifierSealed;

    /**
     * An admin's test sign-in: the callback shows what it checked and which claims a suite would get, and never
     * issues a code, a session or a federated user.
     */
    @Column(name = "test_sign_in", nullable = false)
    public boolean testSignIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public static Optional<PendingLoginEntity> findByUpstreamState(String upstreamState) {
        return find("upstreamState", upstreamState).firstResultOptional();
    }
}
