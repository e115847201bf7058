package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import com.unboundid.ldap.sdk.DN;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bind identities of suites, {@code cn=<client id>,ou=suites,o=<realm>,dc=federation,dc=cloud}, with the
 * digests of their generated LDAP passwords. Nothing else can bind: users' entries and the tree's other entries
 * have no credentials here.
 */
public final class SuiteCredentials {

    /** A suite that proved its LDAP password. */
    public record Suite(String realm, String clientId, DN bindDn) {
    }

    private record Credential(Suite suite, String digest) {
    }

    private static final String NO_DIGEST = GeneratedSecretDigest.digest("no suite has this password");

    private final Map<DN, Credential> byDn = new ConcurrentHashMap<>();
    /** Client-certificate fingerprint (hex SHA-256 of the DER) → suite, for SASL EXTERNAL. */
    private final Map<String, Suite> byCertificate = new ConcurrentHashMap<>();

    /** Registers (or replaces) a suite's credential from its stored digest. */
    public void put(String realm, String clientId, String digest) {
        DN dn = DirectoryNames.suite(realm, clientId);
        byDn.put(dn, new Credential(new Suite(realm, clientId, dn), digest));
    }

    /**
     * Replaces every credential of one realm at once: password digests and client-certificate fingerprints by client
     * id; a suite absent from both maps can no longer bind.
     */
    public void replaceRealm(String realm, Map<String, String> digests, Map<String, String> certificates) {
        byDn.values().removeIf(c -> c.suite.realm().equals(realm) && !digests.containsKey(c.suite.clientId()));
        digests.forEach((clientId, digest) -> put(realm, clientId, digest));
        byCertificate.values().removeIf(s -> s.realm().equals(realm));
        certificates.forEach((clientId, sha256) -> {
            DN dn = DirectoryNames.suite(realm, clientId);
            byCertificate.put(sha256, new Suite(realm, clientId, dn));
        });
    }

    /** The suite whose registered client certificate has this fingerprint (SASL EXTERNAL). */
    public Optional<Suite> authenticateCertificate(String sha256) {
        return Optional.ofNullable(byCertificate.get(sha256));
    }

    /** The suite, if the DN is a suite's bind DN and the password is its LDAP password. */
    public Optional<Suite> authenticate(DN bindDn, String password) {
        Credential c = byDn.get(bindDn);
        // Unknown DNs run the same comparison, so a probe cannot tell them from wrong passwords by timing.
        boolean matches = GeneratedSecretDigest.matches(password, c == null ? NO_DIGEST : c.digest);
        return c != null && matches ? Optional.of(c.suite) : Optional.empty();
    }
}
