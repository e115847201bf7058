package cloud.federation.realm.secrets;

import java.security.SecureRandom;
import java.util.Base64;

/** Generated credentials: client secrets, bootstrap passwords, key ids. */
public final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** URL-safe random string carrying {@code bytes * 8} bits of entropy. */
    public static String urlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
