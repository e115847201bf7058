package cloud.federation.ldap.slapd;

import cloud.federation.ldap.tree.RealmTree;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A realm tree as slapadd input: the facade's entries as they are, except where slapd's schema checks would refuse
 * them (see {@link #adapt}). Everything left out is listed in {@link #notInSlapd()}, so the comparison can leave those
 * entries out on our side too.
 */
final class TreeLdif {

    /**
     * Operational attributes the facade computes itself and slapd maintains itself (slapadd generates its own
     * entryUUID and timestamps); neither side's values are compared, so slapd gets none of ours.
     */
    static final Set<String> OPERATIONAL = Set.of("entryuuid", "createtimestamp", "modifytimestamp");

    private final StringBuilder ldif = new StringBuilder();
    private final Set<DN> notInSlapd = new LinkedHashSet<>();

    static TreeLdif of(RealmTree tree) {
        TreeLdif out = new TreeLdif();
        // slapd needs the suffix entry above the realm; the facade has no entry there.
        Entry suffix = new Entry(Slapd.SUFFIX);
        suffix.addAttribute("objectClass", "top", "dcObject", "organization");
        suffix.addAttribute("dc", "federation");
        suffix.addAttribute("o", "federation");
        out.append(suffix);
        for (Entry e : tree.all()) {
            Entry copy = out.adapt(e);
            if (copy != null) {
                out.append(copy);
            }
        }
        return out;
    }

    /**
     * Only one adaptation is needed: groupOfNames requires {@code member} (RFC 4519), but the facade serves groups
     * whose members are all gone (or that never had any) as memberless groupOfNames entries, which slapadd refuses.
     * Such groups are left out of slapd, and out of the comparison. The other schema gaps of our entries (department,
     * c on users, memberOf on groups) need no change to an entry: federation-ad.schema allows them.
     */
    private Entry adapt(Entry e) {
        if (e.hasObjectClass("groupOfNames") && !e.hasAttribute("member")) {
            notInSlapd.add(dn(e));
            return null;
        }
        Entry copy = e.duplicate();
        OPERATIONAL.forEach(copy::removeAttribute);
        return copy;
    }

    private void append(Entry e) {
        for (String line : e.toLDIF(0)) {
            ldif.append(line).append('\n');
        }
        ldif.append('\n');
    }

    String text() {
        return ldif.toString();
    }

    Set<DN> notInSlapd() {
        return notInSlapd;
    }

    private static DN dn(Entry e) {
        try {
            return e.getParsedDN();
        } catch (LDAPException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
