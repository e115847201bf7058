package cloud.federation.realm.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the master key comes from: configuration (production, e.g. from a secret store) or a key file that the
 * embedded default creates on first start, readable by the owner only.
 */
public final class MasterKeySource {

    private MasterKeySource() {
    }

    public static byte[] load(Optional<String> configuredBase64, Path keyFile) {
        if (configuredBase64.isPresent() && !configuredBase64.get().isBlank()) {
            return decode(configuredBase64.get().trim(), "federation.master-key");
        }
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create master key file " + keyFile, e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(keyFile);
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key from " + origin + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("master key from " + origin + " must be 32 bytes (AES-256), is " + key.length);
        }
        return key;
    }
}
