package cloud.federation.realm.domain.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A DNS server on loopback whose answers the test scripts: UDP and TCP on the same port, each query handed to a
 * function that returns the datagrams to send back (none: stay silent).
 */
final class LoopbackDnsPeer implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile Function<byte[], List<byte[]>> udpAnswers = q -> List.of();
    private volatile Function<byte[], byte[]> tcpAnswer = q -> null;

    LoopbackDnsPeer() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket bound = null;
        DatagramSocket datagrams = null;
        for (int attempt = 0; attempt < 20 && bound == null; attempt++) {
            datagrams = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                bound = new ServerSocket(datagrams.getLocalPort(), 5, loopback);
            } catch (IOException taken) {
                datagrams.close();
            }
        }
        if (bound == null) {
            throw new IOException("no port free for both UDP and TCP");
        }
        udp = datagrams;
        tcp = bound;
        start(this::serveUdp);
        start(this::serveTcp);
    }

    LoopbackDnsPeer onUdp(Function<byte[], List<byte[]>> answers) {
        udpAnswers = answers;
        return this;
    }

    LoopbackDnsPeer onTcp(Function<byte[], byte[]> answer) {
        tcpAnswer = answer;
        return this;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    int udpQueries() {
        return udpQueries.get();
    }

    int tcpQueries() {
        return tcpQueries.get();
    }

    private void start(Runnable loop) {
        Thread thread = new Thread(loop, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                for (byte[] answer : udpAnswers.apply(query)) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket client = tcp.accept()) {
                tcpQueries.incrementAndGet();
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] answer = tcpAnswer.apply(query);
                if (answer != null) {
                    DataOutputStream out = new DataOutputStream(client.getOutputStream());
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException closed) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
