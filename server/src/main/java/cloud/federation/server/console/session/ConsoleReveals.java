package cloud.federation.server.console.session;

import cloud.federation.realm.secrets.GeneratedSecretDigest;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.secrets.SecretCipher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Post/redirect/get for secrets shown once: the form's POST seals what it generated here and redirects to a page
 * that opens the seal exactly once, for the same console session, within a few minutes. A reload or the back button
 * then shows that the values are gone instead of registering or rotating again.
 */
@ApplicationScoped
public class ConsoleReveals {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String PURPOSE = "console-reveal";

    @Inject
    SecretCipher cipher;
    @Inject
    ObjectMapper json;
    @Inject
    Console console;

    /** Seals {@code value} for this session; answers the one-time id to put into the page's URL. */
    @Transactional
    public String seal(Object value) {
        String id = RandomSecrets.urlSafe(GeneratedSecretDigest.SECRET_BYTES);
        ConsoleRevealEntity row = new ConsoleRevealEntity();
        row.idHash = GeneratedSecretDigest.digest(id);
        row.sessionHash = console.sessionHash();
        try {
            row.sealed = cipher.encrypt(json.writeValueAsString(value), PURPOSE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable: " + value.getClass().getName(), e);
        }
        row.createdAt = Instant.now();
        row.persist();
        ConsoleRevealEntity.delete("createdAt < ?1", Instant.now().minus(LIFETIME));
        return id;
    }

    /** The sealed value, once: gone afterwards, and never for another session or after its lifetime. */
    @Transactional
    public <T> Optional<T> open(String id, Class<T> type) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        ConsoleRevealEntity row = ConsoleRevealEntity.findById(GeneratedSecretDigest.digest(id), LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !ConsoleSessions.sameText(row.sessionHash, console.sessionHash())) {
            return Optional.empty();
        }
        row.delete();
        if (row.createdAt.plus(LIFETIME).isBefore(Instant.now())) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(cipher.decrypt(row.sealed, PURPOSE), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable sealed value", e);
        }
    }
}
