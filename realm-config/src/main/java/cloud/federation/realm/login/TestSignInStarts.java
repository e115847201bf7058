package cloud.federation.realm.login;

import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.secrets.Digests;
import cloud.federation.realm.secrets.RandomSecrets;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and redeems the one-time tokens of test sign-in links. The token (256 random bits) exists only in the
 * link; the database holds its hash. Redeeming deletes the row, so of two concurrent openings (even on two nodes)
 * exactly one wins.
 */
@ApplicationScoped
public class TestSignInStarts {

    /** Long enough to open the link from the admin console, short enough that a leaked link soon is useless. */
    public static final Duration LIFESPAN = Duration.ofMinutes(5);

    public record Issued(String token, long expiresInSeconds) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Issued issue(IdentityProviderEntity idp, String requestedBy) {
        String token = RandomSecrets.urlSafe(32);
        TestSignInStartEntity row = new TestSignInStartEntity();
        row.tokenHash = Digests.sha256Hex(token);
        row.realm = idp.realm;
        row.idpAlias = idp.alias;
        row.requestedBy = requestedBy;
        row.createdAt = Instant.now();
        row.expiresAt = row.createdAt.plus(LIFESPAN);
        row.persist();
        return new Issued(token, LIFESPAN.toSeconds());
    }

    /**
     * The link's start record if {@code token} is live and of this realm and identity provider, consuming it; empty
     * for an unknown, used or expired token.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<TestSignInStartEntity> redeem(String realmId, String idpAlias, String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = Digests.sha256Hex(token);
        Optional<TestSignInStartEntity> row = TestSignInStartEntity.<TestSignInStartEntity>findByIdOptional(hash)
                .filter(r -> r.realm.id.equals(realmId) && r.idpAlias.equals(idpAlias));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        // The delete is the single-use check: only the transaction whose delete removed the row may go on.
        long deleted = TestSignInStartEntity.delete("tokenHash = ?1 and expiresAt > ?2", hash, Instant.now());
        return deleted == 1 ? row : Optional.empty();
    }

    @Scheduled(every = "${federation.login.purge-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        TestSignInStartEntity.delete("expiresAt < ?1", Instant.now());
    }
}
