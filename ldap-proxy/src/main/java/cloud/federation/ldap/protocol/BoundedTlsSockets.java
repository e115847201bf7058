package cloud.federation.ldap.protocol;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The StartTLS socket factory: the TLS sockets it layers over plain connections read through a
 * {@link RequestSizeLimit}, so the request size limit holds after StartTLS as it does on LDAPS.
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
        return new Bounded((SSLSocket) tls.createSocket(plain, host, port, autoClose), maxRequestBytes);
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

    /** An SSLSocket that is the delegate in every respect but the size-limited input stream. */
    private static final class Bounded extends SSLSocket {

        private final SSLSocket s;
        private final InputStream in;

        Bounded(SSLSocket s, int maxRequestBytes) throws IOException {
            this.s = s;
            this.in = new RequestSizeLimit(s.getInputStream(), maxRequestBytes);
        }

        @Override public InputStream getInputStream() { return in; }
        @Override public OutputStream getOutputStream() throws IOException { return s.getOutputStream(); }
        @Override public void close() throws IOException { s.close(); }
        @Override public boolean isClosed() { return s.isClosed(); }
        @Override public boolean isConnected() { return s.isConnected(); }
        @Override public boolean isBound() { return s.isBound(); }
        @Override public boolean isInputShutdown() { return s.isInputShutdown(); }
        @Override public boolean isOutputShutdown() { return s.isOutputShutdown(); }
        @Override public void shutdownInput() throws IOException { s.shutdownInput(); }
        @Override public void shutdownOutput() throws IOException { s.shutdownOutput(); }
        @Override public InetAddress getInetAddress() { return s.getInetAddress(); }
        @Override public InetAddress getLocalAddress() { return s.getLocalAddress(); }
        @Override public int getPort() { return s.getPort(); }
        @Override public int getLocalPort() { return s.getLocalPort(); }
        @Override public SocketAddress getRemoteSocketAddress() { return s.getRemoteSocketAddress(); }
        @Override public SocketAddress getLocalSocketAddress() { return s.getLocalSocketAddress(); }
        @Override public void setSoTimeout(int timeout) throws SocketException { s.setSoTimeout(timeout); }
        @Override public int getSoTimeout() throws SocketException { return s.getSoTimeout(); }
        @Override public void setTcpNoDelay(boolean on) throws SocketException { s.setTcpNoDelay(on); }
        @Override public boolean getTcpNoDelay() throws SocketException { return s.getTcpNoDelay(); }
        @Override public void setKeepAlive(boolean on) throws SocketException { s.setKeepAlive(on); }
        @Override public boolean getKeepAlive() throws SocketException { return s.getKeepAlive(); }
        @Override public void setSoLinger(boolean on, int linger) throws SocketException { s.setSoLinger(on, linger); }
        @Override public int getSoLinger() throws SocketException { return s.getSoLinger(); }
        @Override public void setReuseAddress(boolean on) throws SocketException { s.setReuseAddress(on); }
        @Override public boolean getReuseAddress() throws SocketException { return s.getReuseAddress(); }
        @Override public void setReceiveBufferSize(int size) throws SocketException { s.setReceiveBufferSize(size); }
        @Override public int getReceiveBufferSize() throws SocketException { return s.getReceiveBufferSize(); }
        @Override public void setSendBufferSize(int size) throws SocketException { s.setSendBufferSize(size); }
        @Override public int getSendBufferSize() throws SocketException { return s.getSendBufferSize(); }
        @Override public String[] getSupportedCipherSuites() { return s.getSupportedCipherSuites(); }
        @Override public String[] getEnabledCipherSuites() { return s.getEnabledCipherSuites(); }
        @Override public void setEnabledCipherSuites(String[] suites) { s.setEnabledCipherSuites(suites); }
        @Override public String[] getSupportedProtocols() { return s.getSupportedProtocols(); }
        @Override public String[] getEnabledProtocols() { return s.getEnabledProtocols(); }
        @Override public void setEnabledProtocols(String[] protocols) { s.setEnabledProtocols(protocols); }
        @Override public SSLSession getSession() { return s.getSession(); }
        @Override public SSLSession getHandshakeSession() { return s.getHandshakeSession(); }
        @Override public SSLParameters getSSLParameters() { return s.getSSLParameters(); }
        @Override public void setSSLParameters(SSLParameters p) { s.setSSLParameters(p); }
        @Override public String getApplicationProtocol() { return s.getApplicationProtocol(); }
        @Override public String getHandshakeApplicationProtocol() { return s.getHandshakeApplicationProtocol(); }
        @Override public void addHandshakeCompletedListener(HandshakeCompletedListener l) { s.addHandshakeCompletedListener(l); }
        @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener l) { s.removeHandshakeCompletedListener(l); }
        @Override public void startHandshake() throws IOException { s.startHandshake(); }
        @Override public void setUseClientMode(boolean mode) { s.setUseClientMode(mode); }
        @Override public boolean getUseClientMode() { return s.getUseClientMode(); }
        @Override public void setNeedClientAuth(boolean need) { s.setNeedClientAuth(need); }
        @Override public boolean getNeedClientAuth() { return s.getNeedClientAuth(); }
        @Override public void setWantClientAuth(boolean want) { s.setWantClientAuth(want); }
        @Override public boolean getWantClientAuth() { return s.getWantClientAuth(); }
        @Override public void setEnableSessionCreation(boolean flag) { s.setEnableSessionCreation(flag); }
        @Override public boolean getEnableSessionCreation() { return s.getEnableSessionCreation(); }
        @Override public String toString() { return s.toString(); }
    }
}
