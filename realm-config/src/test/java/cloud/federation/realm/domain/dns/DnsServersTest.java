package cloud.federation.realm.domain.dns;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DnsServersTest {

    private static String text(InetSocketAddress a) {
        return DnsTxtLookup.describe(a);
    }

    @Test
    void parsesHostPortListsWithPort53AsDefault() {
        assertEquals(List.of("127.0.0.1:5353"), DnsServers.parse("127.0.0.1:5353").stream().map(DnsServersTest::text).toList());
        assertEquals(List.of("10.0.0.2:53", "[0:0:0:0:0:0:0:1]:5300", "[0:0:0:0:0:0:0:1]:53"),
                DnsServers.parse(" 10.0.0.2 , [::1]:5300,::1").stream().map(DnsServersTest::text).toList());
    }

    @Test
    void refusesWhatIsNoServer() {
        for (String bad : new String[] {"127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x", "[::1", "[::1]x", ":53", ","}) {
            assertThrows(IllegalArgumentException.class, () -> DnsServers.parse(bad), bad);
        }
    }

    @Test
    void readsUpToThreeNameserversFromResolvConf() {
        String conf = """
                # generated
                search corp.example
                nameserver 10.255.255.53
                nameserver 2001:db8::53
                options ndots:5
                nameserver dns.example
                nameserver 192.0.2.1
                nameserver 192.0.2.2
                """;
        List<String> servers = DnsServers.fromResolvConf(conf).stream().map(DnsServersTest::text).toList();
        assertEquals(3, servers.size());
        assertEquals("10.255.255.53:53", servers.get(0));
        assertEquals("[2001:db8:0:0:0:0:0:53]:53", servers.get(1));
        assertEquals("192.0.2.1:53", servers.get(2));
        assertEquals(List.of(), DnsServers.fromResolvConf("search example\n"));
        assertFalse(DnsServers.system().isEmpty());
    }
}
