package cloud.federation.ldap.protocol;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * The StartTLS socket factory: the TLS sockets it layers over plain connections are {@link ServedTlsSocket}s that
 * read through a {@link RequestSizeLimit}, so the request size limit holds after StartTLS as it does on LDAPS.
 */
public final class BoundedTlsSockets extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final int maxRequestBytes;

    public BoundedTlsSockets(SSLSocketFactory tls, int maxRequestBytes) {
        this.tls = tls;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        return ServedTlsSocket.layered((SSLSocket) tls.createSocket(plain, host, port, autoClose), maxRequestBytes);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw onlyLayered();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        throw onlyLayered();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw onlyLayered();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        throw onlyLayered();
    }

    /** Only layering over an accepted connection makes sense for StartTLS on a server. */
    private static SocketException onlyLayered() {
        return new SocketException("StartTLS only layers over accepted connections");
    }
}
