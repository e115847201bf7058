package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.RealmTree;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Entry;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paged searches (RFC 2696) open on one connection. Each keeps the tree it started on, so it runs to its end
 * on one commit even when a newer one is published meanwhile. Cookies are random and only mean something on the
 * connection that got them.
 */
final class PagedSearches {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Where one paged search stands. {@code sorted} is set when a sort control fixed the order up front. No bound
     * identity is kept: every bind clears the connection's paged searches.
     */
    static final class Paged {
        final String signature;
        final RealmTree tree;
        final List<Entry> sorted;
        int lastPosition = -1;
        int offset;
        int returned;
        int lastMessageId;

        Paged(String signature, RealmTree tree, List<Entry> sorted) {
            this.signature = signature;
            this.tree = tree;
            this.sorted = sorted;
        }
    }

    private final int max;
    private final Map<String, Paged> open = new LinkedHashMap<>();

    PagedSearches(int max) {
        this.max = max;
    }

    synchronized ASN1OctetString put(Paged paged) {
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        String key = HexFormat.of().formatHex(cookie);
        open.put(key, paged);
        if (open.size() > max) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new ASN1OctetString(cookie);
    }

    synchronized Paged get(ASN1OctetString cookie) {
        return open.get(HexFormat.of().formatHex(cookie.getValue()));
    }

    synchronized void remove(ASN1OctetString cookie) {
        open.remove(HexFormat.of().formatHex(cookie.getValue()));
    }

    /** Abandoning the last page request of a paged search ends that search. */
    synchronized void abandon(int messageId) {
        open.values().removeIf(p -> p.lastMessageId == messageId);
    }

    synchronized void clear() {
        open.clear();
    }
}
