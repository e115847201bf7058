package cloud.federation.realm.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretCipherTest {

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private final SecretCipher cipher = new SecretCipher(key());

    @Test
    void roundTripsAndNeverContainsThePlaintext() {
        String sealed = cipher.encrypt("okta-client-secret", "identity_provider/1");
        assertFalse(sealed.contains("okta-client-secret"));
        assertEquals("okta-client-secret", cipher.decrypt(sealed, "identity_provider/1"));
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        assertNotEquals(cipher.encrypt("x", "p"), cipher.encrypt("x", "p"));
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotDecrypt() {
        String sealed = cipher.encrypt("secret", "identity_provider/1");
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt(sealed, "identity_provider/2"));
    }

    @Test
    void tamperedCiphertextIsRefused() {
        String sealed = cipher.encrypt("secret", "p");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt(tampered, "p"));
    }

    @Test
    void anotherMasterKeyCannotDecrypt() {
        String sealed = cipher.encrypt("secret", "p");
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> new SecretCipher(key()).decrypt(sealed, "p"));
    }

    @Test
    void refusesKeysThatAreNotAes256() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
    }
}
