package cloud.federation.saml;

import cloud.federation.realm.login.SamlReplayEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Consumed assertion IDs, in the database so every node shares them, kept until the assertion's own expiry (then
 * purged with the other expired sign-on state).
 */
@ApplicationScoped
public class AssertionReplayCache {

    /** True the first time {@code key} is seen; false for a replay (including a concurrent one on another node). */
    public boolean firstUse(String key, Instant expires) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (SamlReplayEntity.findById(key) != null) {
                    return false;
                }
                SamlReplayEntity row = new SamlReplayEntity();
                row.assertionKey = key;
                row.expiresAt = expires;
                row.persistAndFlush();
                return true;
            });
        } catch (RuntimeException concurrentInsert) {
            return false; // the primary key refused a second insert of the same ID
        }
    }
}
