package cloud.federation.realm.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The stored form of a secret we generated ourselves (256 random bits, never chosen by a person): one SHA-256.
 * Key stretching protects guessable passwords; a 256-bit random value cannot be guessed offline whatever the hash
 * costs, and a fast check lets suites bind as fast as they bind to a directory server.
 */
public final class GeneratedSecretDigest {

    private static final String PREFIX = "sha256:";
    /** Generated secrets are this long; a digest of a shorter value would not deserve the fast path. */
    public static final int SECRET_BYTES = 32;

    private GeneratedSecretDigest() {
    }

    /** A new secret and its digest. */
    public static Generated generate() {
        String secret = RandomSecrets.urlSafe(SECRET_BYTES);
        return new Generated(secret, digest(secret));
    }

    public record Generated(String secret, String digest) {
    }

    public static String digest(String secret) {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256(secret));
    }

    /** Constant-time comparison of {@code candidate}'s digest with {@code stored}. */
    public static boolean matches(String candidate, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(candidate));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
