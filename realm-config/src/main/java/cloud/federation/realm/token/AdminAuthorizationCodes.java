package cloud.federation.realm.token;

import cloud.federation.realm.model.AdminAuthorizationCodeEntity;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import cloud.federation.realm.secrets.RandomSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The master realm's authorization codes: issued by the sign-in page after the admin's password checked out, redeemed
 * once, within a minute, by the client that holds the PKCE verifier and names the same redirect URI.
 */
@ApplicationScoped
public class AdminAuthorizationCodes {

    /** The console's client id: public (no secret), authorization code with S256 PKCE only. */
    public static final String CONSOLE_CLIENT = "admin-console";
    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Transactional
    public String issue(AdminUserEntity user, String clientId, String redirectUri, String codeChallenge) {
        String code = RandomSecrets.urlSafe(GeneratedSecretDigest.SECRET_BYTES);
        AdminAuthorizationCodeEntity row = new AdminAuthorizationCodeEntity();
        row.codeHash = GeneratedSecretDigest.digest(code);
        row.userId = user.id;
        row.clientId = clientId;
        row.redirectUri = redirectUri;
        row.codeChallenge = codeChallenge;
        row.expiresAt = Instant.now().plus(LIFETIME);
        row.persist();
        AdminAuthorizationCodeEntity.delete("expiresAt < ?1", Instant.now());
        return code;
    }

    /**
     * The enabled admin the code was issued to, if every binding holds. The code is gone after the first attempt
     * whatever its outcome, so a stolen code cannot be tried against several verifiers.
     */
    @Transactional
    public Optional<AdminUserEntity> redeem(String code, String clientId, String redirectUri, String verifier) {
        AdminAuthorizationCodeEntity row = AdminAuthorizationCodeEntity.findById(GeneratedSecretDigest.digest(code),
                LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return Optional.empty();
        }
        row.delete();
        if (row.expiresAt.isBefore(Instant.now()) || !row.clientId.equals(clientId)
                || !row.redirectUri.equals(redirectUri) || !PkceVerifier.matches(verifier, row.codeChallenge)) {
            return Optional.empty();
        }
        AdminUserEntity user = AdminUserEntity.findById(row.userId);
        return user != null && user.enabled ? Optional.of(user) : Optional.empty();
    }
}
