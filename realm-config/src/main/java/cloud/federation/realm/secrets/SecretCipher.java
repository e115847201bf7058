package cloud.federation.realm.secrets;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM for secrets at rest. Each value is bound to a purpose string (table, column, row id) as
 * additional authenticated data, so a ciphertext copied into another row or column fails to decrypt.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("master key must be 256 bits, got " + rawKey.length * 8);
        }
        this.key = new SecretKeySpec(rawKey.clone(), "AES");
    }

    public String encrypt(String plaintext, String purpose) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String stored, String purpose) {
        if (!stored.startsWith(PREFIX)) {
            throw new SecretDecryptionException("unknown secret format");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        if (in.length <= IV_BYTES) {
            throw new SecretDecryptionException("truncated secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, IV_BYTES)));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("secret does not decrypt under the master key for " + purpose);
        }
    }

    public static final class SecretDecryptionException extends RuntimeException {
        public SecretDecryptionException(String message) {
            super(message);
        }
    }
}
