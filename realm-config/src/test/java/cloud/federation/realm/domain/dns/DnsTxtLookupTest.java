package cloud.federation.realm.domain.dns;

import cloud.federation.realm.domain.DomainName;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsTxtLookupTest {

    private static final DomainName DOMAIN = DomainName.parse("contoso.example");

    private static DnsTxtLookup lookup(Duration timeout, InetSocketAddress... servers) {
        return new DnsTxtLookup(List.of(servers), timeout);
    }

    @Test
    void readsTheTxtRecordsOverUdp() throws Exception {
        try (LoopbackDnsPeer dns = new LoopbackDnsPeer()) {
            dns.onUdp(q -> List.of(WireAnswer.to(q).txt("federation-verification=tok").txt("v=spf1 -all").bytes()));
            TxtAnswer answer = lookup(Duration.ofSeconds(2), dns.address()).lookup(DOMAIN);
            assertEquals(List.of("federation-verification=tok", "v=spf1 -all"), answer.records());
            assertFalse(answer.noSuchDomain());
            assertEquals(0, dns.tcpQueries());
        }
    }

    @Test
    void aTruncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
        try (LoopbackDnsPeer dns = new LoopbackDnsPeer()) {
            dns.onUdp(q -> List.of(WireAnswer.to(q).truncated().bytes()))
                    .onTcp(q -> WireAnswer.to(q).txt("a".repeat(255), "b".repeat(255)).txt("federation-verification=tok").bytes());
            TxtAnswer answer = lookup(Duration.ofSeconds(2), dns.address()).lookup(DOMAIN);
            assertEquals(List.of("a".repeat(255) + "b".repeat(255), "federation-verification=tok"), answer.records());
            assertEquals(1, dns.tcpQueries());
        }
    }

    @Test
    void strayDatagramsAreIgnoredWhileWaitingForTheAnswer() throws Exception {
        try (LoopbackDnsPeer dns = new LoopbackDnsPeer()) {
            dns.onUdp(q -> {
                int id = ((q[0] & 0xFF) << 8) | (q[1] & 0xFF);
                return List.of(
                        WireAnswer.to(q).id(id ^ 0x5555).txt("federation-verification=spoofed").bytes(),
                        WireAnswer.to(DnsMessage.txtQuery(id, "other.example")).txt("federation-verification=other").bytes(),
                        WireAnswer.to(q).txt("federation-verification=real").bytes());
            });
            assertEquals(List.of("federation-verification=real"),
                    lookup(Duration.ofSeconds(2), dns.address()).lookup(DOMAIN).records());
        }
    }

    @Test
    void nxdomainIsAnAnswer() throws Exception {
        try (LoopbackDnsPeer dns = new LoopbackDnsPeer()) {
            dns.onUdp(q -> List.of(WireAnswer.to(q).rcode(3).bytes()));
            assertTrue(lookup(Duration.ofSeconds(2), dns.address()).lookup(DOMAIN).noSuchDomain());
        }
    }

    @Test
    void aSilentServerFailsAfterTheTimeoutNamingTheServer() throws Exception {
        try (LoopbackDnsPeer dns = new LoopbackDnsPeer()) {
            long start = System.nanoTime();
            DnsLookupException e = assertThrows(DnsLookupException.class,
                    () -> lookup(Duration.ofMillis(900), dns.address()).lookup(DOMAIN));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("no answer from 127.0.0.1:" + dns.address().getPort() + " within 900 ms", e.getMessage());
            assertTrue(tookMillis >= 850 && tookMillis < 2000, "took " + tookMillis + " ms");
            assertTrue(dns.udpQueries() >= 2, "UDP is retransmitted, got " + dns.udpQueries());
        }
    }

    @Test
    void nothingListeningFailsAtOnce() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
        long start = System.nanoTime();
        DnsLookupException e = assertThrows(DnsLookupException.class,
                () -> lookup(Duration.ofSeconds(3), nobody).lookup(DOMAIN));
        assertEquals("nothing answers DNS at 127.0.0.1:" + closedPort + " (port unreachable)", e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void aRefusingServerIsAFailureAndTheNextServerIsAsked() throws Exception {
        try (LoopbackDnsPeer refusing = new LoopbackDnsPeer(); LoopbackDnsPeer silent = new LoopbackDnsPeer();
             LoopbackDnsPeer good = new LoopbackDnsPeer()) {
            refusing.onUdp(q -> List.of(WireAnswer.to(q).rcode(5).bytes()));
            DnsLookupException e = assertThrows(DnsLookupException.class,
                    () -> lookup(Duration.ofMillis(600), refusing.address()).lookup(DOMAIN));
            assertEquals("127.0.0.1:" + refusing.address().getPort() + " answered REFUSED", e.getMessage());

            good.onUdp(q -> List.of(WireAnswer.to(q).txt("federation-verification=tok").bytes()));
            assertEquals(List.of("federation-verification=tok"), lookup(Duration.ofSeconds(2),
                    refusing.address(), silent.address(), good.address()).lookup(DOMAIN).records());
        }
    }
}
