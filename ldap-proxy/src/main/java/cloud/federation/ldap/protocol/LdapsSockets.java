package cloud.federation.ldap.protocol;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

/**
 * The LDAPS listener's server sockets: TLS server sockets whose accepted connections are {@link ServedTlsSocket}s, so
 * search responses can be batched as on StartTLS connections. The handshake stays where the JDK puts it (on first
 * read or write, on the connection's thread), so a slow client never holds up the accept loop.
 */
public final class LdapsSockets extends ServerSocketFactory {

    private final SSLServerSocketFactory tls;

    public LdapsSockets(SSLServerSocketFactory tls) {
        this.tls = tls;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new Accepting(tls.createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new Accepting(tls.createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new Accepting(tls.createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new Accepting(tls.createServerSocket(port, backlog, address));
    }

    /** The delegate in every respect but what {@link #accept()} returns. */
    private static final class Accepting extends ServerSocket {

        private final ServerSocket s;

        Accepting(ServerSocket s) throws IOException {
            this.s = s;
        }

        @Override
        public Socket accept() throws IOException {
            Socket accepted = s.accept();
            try {
                return ServedTlsSocket.accepted((SSLSocket) accepted);
            } catch (IOException | RuntimeException e) {
                accepted.close();
                throw e;
            }
        }

        @Override public void bind(SocketAddress endpoint) throws IOException { s.bind(endpoint); }
        @Override public void bind(SocketAddress endpoint, int backlog) throws IOException { s.bind(endpoint, backlog); }
        @Override public void close() throws IOException { s.close(); }
        @Override public boolean isClosed() { return s.isClosed(); }
        @Override public boolean isBound() { return s.isBound(); }
        @Override public int getLocalPort() { return s.getLocalPort(); }
        @Override public InetAddress getInetAddress() { return s.getInetAddress(); }
        @Override public SocketAddress getLocalSocketAddress() { return s.getLocalSocketAddress(); }
        @Override public ServerSocketChannel getChannel() { return s.getChannel(); }
        @Override public void setSoTimeout(int timeout) throws SocketException { s.setSoTimeout(timeout); }
        @Override public int getSoTimeout() throws IOException { return s.getSoTimeout(); }
        @Override public void setReuseAddress(boolean on) throws SocketException { s.setReuseAddress(on); }
        @Override public boolean getReuseAddress() throws SocketException { return s.getReuseAddress(); }
        @Override public void setReceiveBufferSize(int size) throws SocketException { s.setReceiveBufferSize(size); }
        @Override public int getReceiveBufferSize() throws SocketException { return s.getReceiveBufferSize(); }
        @Override public void setPerformancePreferences(int time, int latency, int bandwidth) {
            s.setPerformancePreferences(time, latency, bandwidth);
        }
        @Override public <T> ServerSocket setOption(SocketOption<T> name, T value) throws IOException {
            s.setOption(name, value);
            return this;
        }
        @Override public <T> T getOption(SocketOption<T> name) throws IOException { return s.getOption(name); }
        @Override public Set<SocketOption<?>> supportedOptions() { return s.supportedOptions(); }
        @Override public String toString() { return s.toString(); }
    }
}
