package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;

/** The DN layout of the public contract: {@code o=<realm>,dc=federation,dc=cloud} with users, groups and suites. */
public final class DirectoryNames {

    public static final DN ROOT = dn("dc=federation,dc=cloud");

    private DirectoryNames() {
    }

    public static DN realm(String realm) {
        return new DN(new RDN("o", realm), ROOT);
    }

    public static DN users(String realm) {
        return new DN(new RDN("ou", "users"), realm(realm));
    }

    public static DN groups(String realm) {
        return new DN(new RDN("ou", "groups"), realm(realm));
    }

    public static DN suites(String realm) {
        return new DN(new RDN("ou", "suites"), realm(realm));
    }

    public static DN user(String realm, String rdnAttribute, String value) {
        return new DN(new RDN(rdnAttribute, value), users(realm));
    }

    public static DN group(String realm, String name) {
        return new DN(new RDN("cn", name), groups(realm));
    }

    public static DN suite(String realm, String clientId) {
        return new DN(new RDN("cn", clientId), suites(realm));
    }

    /** The DN of an entry we built (always parseable). */
    static DN of(com.unboundid.ldap.sdk.Entry entry) {
        try {
            return entry.getParsedDN();
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException("entry with an unparseable DN", e);
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
