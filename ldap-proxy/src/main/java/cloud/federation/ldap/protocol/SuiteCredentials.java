package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.realm.secrets.PasswordHasher;
import com.unboundid.ldap.sdk.DN;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bind identities of suites, {@code cn=<client id>,ou=suites,o=<realm>,dc=federation,dc=cloud}, with their LDAP
 * password hashes. Nothing else can bind: users' entries and the tree's other entries have no credentials here.
 */
public final class SuiteCredentials {

    /** A suite that proved its LDAP password. */
    public record Suite(String realm, String clientId, DN bindDn) {
    }

    private record Credential(Suite suite, String hash) {
    }

    private final PasswordHasher hasher;
    private final Map<DN, Credential> byDn = new ConcurrentHashMap<>();

    /** A hash at the configured cost, checked for unknown DNs so they cost what a real check costs. */
    private final String dummy;

    public SuiteCredentials(PasswordHasher hasher) {
        this.hasher = hasher;
        this.dummy = hasher.hash("not-a-password");
    }

    /** Registers (or replaces) a suite's credential from its stored hash. */
    public void put(String realm, String clientId, String passwordHash) {
        DN dn = DirectoryNames.suite(realm, clientId);
        byDn.put(dn, new Credential(new Suite(realm, clientId, dn), passwordHash));
    }

    public void remove(String realm, String clientId) {
        byDn.remove(DirectoryNames.suite(realm, clientId));
    }

    /** The suite, if the DN is a suite's bind DN and the password is its LDAP password. */
    public Optional<Suite> authenticate(DN bindDn, String password) {
        Credential c = byDn.get(bindDn);
        if (c == null) {
            // Same work as a real check, so a probe cannot tell unknown DNs from wrong passwords by timing.
            hasher.verify(password, dummy);
            return Optional.empty();
        }
        return hasher.verify(password, c.hash) ? Optional.of(c.suite) : Optional.empty();
    }
}
