package cloud.federation.realm.domain.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where DNS questions go: an explicit {@code host[:port]} list, or the system's resolvers from resolv.conf. */
public final class DnsServers {

    static final int DNS_PORT = 53;
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    /** glibc reads at most three nameserver lines (MAXNS). */
    private static final int MAX_SYSTEM_SERVERS = 3;

    private DnsServers() {
    }

    /** {@code 127.0.0.1:5353}, {@code [::1]:53}, {@code 10.0.0.2} (port 53), or several separated by commas. */
    public static List<InetSocketAddress> parse(String setting) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String item = entry.trim();
            if (!item.isEmpty()) {
                servers.add(parseOne(item));
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server in '" + setting + "'");
        }
        return servers;
    }

    /** The system's resolvers; like glibc, the local host when resolv.conf names none. */
    public static List<InetSocketAddress> system() {
        String text;
        try {
            text = Files.exists(RESOLV_CONF) ? Files.readString(RESOLV_CONF) : "";
        } catch (IOException e) {
            text = "";
        }
        List<InetSocketAddress> servers = fromResolvConf(text);
        return servers.isEmpty() ? List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT)) : servers;
    }

    static List<InetSocketAddress> fromResolvConf(String text) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver") && servers.size() < MAX_SYSTEM_SERVERS) {
                String address = words[1];
                // A scoped IPv6 address (fe80::1%eth0) is a literal too; anything else is not a nameserver line.
                try {
                    servers.add(new InetSocketAddress(literal(address), DNS_PORT));
                } catch (IllegalArgumentException ignored) {
                    // glibc skips unparsable nameserver lines as well
                }
            }
        }
        return servers;
    }

    private static InetSocketAddress parseOne(String item) {
        String host;
        String port = null;
        if (item.startsWith("[")) {
            int close = item.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + item + "' is not [IPv6 address]:port");
            }
            host = item.substring(1, close);
            String rest = item.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + item + "' is not [IPv6 address]:port");
                }
                port = rest.substring(1);
            }
        } else if (item.indexOf(':') != item.lastIndexOf(':')) {
            host = item;
        } else {
            int colon = item.indexOf(':');
            host = colon < 0 ? item : item.substring(0, colon);
            port = colon < 0 ? null : item.substring(colon + 1);
        }
        int portNumber = DNS_PORT;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new IllegalArgumentException("'" + item + "' has no valid port");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + item + "' names no host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), portNumber);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS server '" + host + "' cannot be resolved");
        }
    }

    /** Parses an IP literal without ever asking DNS (InetAddress.getByName would for a name). */
    private static InetAddress literal(String address) {
        boolean looksLiteral = address.contains(":") || address.matches("[0-9.]+");
        if (!looksLiteral) {
            throw new IllegalArgumentException(address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address);
        }
    }
}
