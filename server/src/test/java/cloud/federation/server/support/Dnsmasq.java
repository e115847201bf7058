package cloud.federation.server.support;

import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.domain.dns.DnsLookupException;
import cloud.federation.realm.domain.dns.DnsTxtLookup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for domain verification: Debian's dnsmasq on loopback, on a free port chosen before Quarkus
 * boots, authoritative for {@value #ZONE} (unknown names there are NXDOMAIN; any other name is REFUSED, as it has no
 * upstream). dnsmasq reads {@code --txt-record} only at start, so publishing a record restarts it on the same port.
 * The server under test is pointed at it through {@code federation.domains.resolver}.
 */
public class Dnsmasq implements QuarkusTestResourceLifecycleManager {

    public static final String ZONE = "verify.test";
    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
    private static final Path WORK = Path.of("target", "dnsmasq");

    private static volatile Dnsmasq running;

    private final Map<String, List<String>> records = new LinkedHashMap<>();
    private int port;
    private Process process;

    @Override
    public Map<String, String> start() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is required (Debian package dnsmasq-base)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            port = freePort();
            try {
                launch();
                running = this;
                return Map.of("federation.domains.resolver", "127.0.0.1:" + port,
                        "federation.domains.lookup-timeout", "2s",
                        "federation.domains.verification-interval", "2s");
            } catch (IllegalStateException e) {
                last = e; // the port was taken between probing and binding: try another
            }
        }
        throw last;
    }

    @Override
    public void stop() {
        kill();
        running = null;
    }

    /** Publishes a TXT record (its character-strings) at {@code name}, next to those already published. */
    public static synchronized void publishTxt(String name, String... strings) {
        StringBuilder option = new StringBuilder("--txt-record=").append(name);
        for (String s : strings) {
            option.append(',').append(s);
        }
        current().records.computeIfAbsent(name, n -> new ArrayList<>()).add(option.toString());
        current().restart();
    }

    /** Makes {@code alias} a CNAME of {@code target}. */
    public static synchronized void publishCname(String alias, String target) {
        current().records.computeIfAbsent(alias, n -> new ArrayList<>()).add("--cname=" + alias + "," + target);
        current().restart();
    }

    private static Dnsmasq current() {
        if (running == null) {
            throw new IllegalStateException("Dnsmasq is not running: annotate the test with its QuarkusTestResource");
        }
        return running;
    }

    private void restart() {
        kill();
        launch();
    }

    private void launch() {
        try {
            Files.createDirectories(WORK);
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--no-daemon", "--port=" + port,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                    "--conf-file=/dev/null", "--local=/" + ZONE + "/", "--log-queries",
                    "--pid-file=" + WORK.toAbsolutePath().resolve("dnsmasq-" + port + ".pid")));
            records.values().forEach(command::addAll);
            Path log = WORK.resolve("dnsmasq-" + port + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitAnswers(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dnsmasq: " + e.getMessage(), e);
        }
    }

    /** Ready once it answers a question (NXDOMAIN for a name of its zone). */
    private void awaitAnswers(Path log) throws IOException {
        DnsTxtLookup probe = new DnsTxtLookup(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
                Duration.ofMillis(300));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dnsmasq exited: " + Files.readString(log));
            }
            try {
                probe.lookup(DomainName.parse("ready." + ZONE));
                return;
            } catch (DnsLookupException notYet) {
                sleep(100);
            }
        }
        kill();
        throw new IllegalStateException("dnsmasq did not answer on port " + port);
    }

    private void kill() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** A port free for both UDP and TCP on loopback, as dnsmasq binds both. */
    private static int freePort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                try (ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
                    return tcp.getLocalPort();
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port for dnsmasq");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
