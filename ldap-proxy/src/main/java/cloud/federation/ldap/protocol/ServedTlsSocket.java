package cloud.federation.ldap.protocol;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.util.Set;

/**
 * A client's TLS connection as the listener sees it, on LDAPS and after StartTLS: the delegate in every respect
 * (the request handler reads the client certificate from its session) but its streams. The output is a
 * {@link ResponseBatching} the request handler can hold; the input, where the listener's own limit does not reach,
 * is a {@link RequestSizeLimit}.
 */
final class ServedTlsSocket extends SSLSocket {

    private final SSLSocket s;
    private final InputStream in;
    private final ResponseBatching out;

    private ServedTlsSocket(SSLSocket s, InputStream in) throws IOException {
        this.s = s;
        this.in = in;
        this.out = new ResponseBatching(s.getOutputStream());
    }

    /** An LDAPS connection: the listener limits request sizes itself. */
    static ServedTlsSocket accepted(SSLSocket s) throws IOException {
        return new ServedTlsSocket(s, s.getInputStream());
    }

    /** A StartTLS layer, which the SDK reads with a new reader that knows nothing of the listener's limit. */
    static ServedTlsSocket layered(SSLSocket s, int maxRequestBytes) throws IOException {
        return new ServedTlsSocket(s, new RequestSizeLimit(s.getInputStream(), maxRequestBytes));
    }

    /** The output the listener writes responses to. */
    ResponseBatching responses() {
        return out;
    }

    @Override public InputStream getInputStream() { return in; }
    @Override public OutputStream getOutputStream() { return out; }
    /** Straight to the delegate, never through the output's lock: closing must end a write that blocks. */
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
    @Override public <T> Socket setOption(SocketOption<T> name, T value) throws IOException { s.setOption(name, value); return this; }
    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return s.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return s.supportedOptions(); }
}
