package cloud.federation.realm.domain.dns;

import cloud.federation.realm.domain.DomainName;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Asks a recursive resolver for the TXT records of one name, as a stub resolver does: UDP first, retransmitted
 * across the configured servers until the timeout, TCP when the answer is truncated. A random query id and a fresh
 * ephemeral port per lookup, and only answers from the server asked for exactly our question are read.
 */
public final class DnsTxtLookup {

    private static final int MAX_UDP_MESSAGE = 65_535;
    private static final long MIN_TRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public DnsTxtLookup(List<InetSocketAddress> servers, Duration timeout) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server to ask");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the DNS lookup timeout must be positive");
        }
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
    }

    /** The configured resolver ({@code host:port}, comma-separated for several), else the system's. */
    public static DnsTxtLookup using(Optional<String> resolver, Duration timeout) {
        List<InetSocketAddress> servers = resolver.filter(r -> !r.isBlank())
                .map(DnsServers::parse)
                .orElseGet(DnsServers::system);
        return new DnsTxtLookup(servers, timeout);
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    public TxtAnswer lookup(DomainName domain) throws DnsLookupException {
        String name = domain.value();
        int id = random.nextInt(0x10000);
        byte[] query = DnsMessage.txtQuery(id, name);
        long deadline = System.nanoTime() + timeout.toNanos();
        long perTry = Math.max(timeout.toNanos() / 3, MIN_TRY_NANOS);
        List<InetSocketAddress> candidates = new ArrayList<>(servers);
        Map<InetSocketAddress, DatagramSocket> sockets = new LinkedHashMap<>();
        Map<InetSocketAddress, String> failures = new LinkedHashMap<>();
        try {
            for (int attempt = 0; !candidates.isEmpty(); attempt++) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                InetSocketAddress server = candidates.get(attempt % candidates.size());
                try {
                    DatagramSocket socket = sockets.get(server);
                    if (socket == null) {
                        socket = new DatagramSocket();
                        // Connected: the kernel drops datagrams from anyone else and reports ICMP unreachable.
                        socket.connect(server);
                        sockets.put(server, socket);
                    }
                    DnsMessage.Answer answer = udpTry(socket, query, id, name, Math.min(perTry, remaining));
                    if (answer == null) {
                        continue;
                    }
                    if (answer.truncated()) {
                        answer = tcp(server, query, id, name, deadline);
                    }
                    return new TxtAnswer(answer.noSuchDomain(), answer.records());
                } catch (PortUnreachableException e) {
                    failures.put(server, "nothing answers DNS at " + describe(server) + " (port unreachable)");
                    candidates.remove(server);
                } catch (DnsLookupException e) {
                    failures.put(server, describe(server) + " " + e.getMessage());
                    candidates.remove(server);
                } catch (IOException e) {
                    failures.put(server, "cannot ask " + describe(server) + ": " + e.getMessage());
                    candidates.remove(server);
                }
            }
        } finally {
            sockets.values().forEach(DatagramSocket::close);
        }
        List<String> reasons = new ArrayList<>(failures.values());
        if (!candidates.isEmpty()) {
            reasons.add("no answer from " + candidates.stream().map(DnsTxtLookup::describe)
                    .collect(Collectors.joining(", ")) + " within " + timeout.toMillis() + " ms");
        }
        throw new DnsLookupException(String.join("; ", reasons));
    }

    /** One transmission, then reading until our answer arrives or the wait is over ({@code null}). */
    private static DnsMessage.Answer udpTry(DatagramSocket socket, byte[] query, int id, String name, long waitNanos)
            throws IOException, DnsLookupException {
        socket.send(new DatagramPacket(query, query.length));
        long until = System.nanoTime() + waitNanos;
        byte[] buffer = new byte[MAX_UDP_MESSAGE];
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            DnsMessage.Answer answer = DnsMessage.parseTxtAnswer(packet.getData(), packet.getLength(), id, name);
            if (answer != null) {
                return answer;
            }
        }
    }

    /** RFC 1035 §4.2.2 / RFC 7766: the same query over TCP, each message preceded by its two-byte length. */
    private static DnsMessage.Answer tcp(InetSocketAddress server, byte[] query, int id, String name, long deadline)
            throws IOException, DnsLookupException {
        try (Socket socket = new Socket()) {
            socket.connect(server, remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] message = new byte[in.readUnsignedShort()];
            in.readFully(message);
            DnsMessage.Answer answer = DnsMessage.parseTxtAnswer(message, message.length, id, name);
            if (answer == null) {
                throw new DnsLookupException("answered another question over TCP");
            }
            if (answer.truncated()) {
                throw new DnsLookupException("sent a truncated answer even over TCP");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw new DnsLookupException("did not finish its answer over TCP in time");
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    static String describe(InetSocketAddress server) {
        String host = server.getAddress() != null ? server.getAddress().getHostAddress() : server.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }
}
