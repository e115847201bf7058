package cloud.federation.realm.idp.importer;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Whether an address is on the public internet, not ours: loopback, private, link-local and the like are not. */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /**
     * Why this service must not fetch {@code url} for a realm admin, if it must not: not https, an unknown host, or
     * a host that resolves to one of our own networks. (A later DNS change is not caught: the check is at write time.)
     */
    public static java.util.Optional<String> whyNotPublicHttps(java.net.URI url) {
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("https") || url.getHost() == null) {
            return java.util.Optional.of("realm administrators may only use https URLs");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.of("host " + url.getHost() + " is unknown");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return java.util.Optional.of(url.getHost() + " is not a public address; an operator can set it");
            }
        }
        return java.util.Optional.empty();
    }

    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 100.64/10 carrier-grade NAT, 0/8 "this network", 192.0.0/24 protocol assignments, 198.18/15 benchmarking.
        return !(first == 0 || first == 100 && second >= 64 && second < 128 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                || first == 198 && (second == 18 || second == 19) || first >= 240);
    }
}
