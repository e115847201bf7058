package cloud.federation.server.ldap;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Hashtable;

/** Java's own LDAP client (JNDI), as Java-based suites use it, with its paged-results control. */
final class JndiClient {

    private JndiClient() {
    }

    static int pagedCount(String url, Path certificate, String bindDn, String password, String base, String filter,
                          int pageSize) throws Exception {
        PinnedSockets.trust(certificate);
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url);
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, bindDn);
        env.put(Context.SECURITY_CREDENTIALS, password);
        env.put("java.naming.ldap.factory.socket", PinnedSockets.class.getName());
        env.put(Context.REFERRAL, "throw");
        LdapContext ctx = new InitialLdapContext(env, null);
        try {
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(new String[]{"uid"});
            int total = 0;
            byte[] cookie = null;
            do {
                ctx.setRequestControls(new Control[]{new PagedResultsControl(pageSize, cookie, Control.CRITICAL)});
                NamingEnumeration<SearchResult> results = ctx.search(base, filter, controls);
                while (results.hasMore()) {
                    results.next();
                    total++;
                }
                cookie = null;
                Control[] response = ctx.getResponseControls();
                if (response != null) {
                    for (Control c : response) {
                        if (c instanceof PagedResultsResponseControl paged) {
                            cookie = paged.getCookie();
                        }
                    }
                }
            } while (cookie != null && cookie.length > 0);
            return total;
        } finally {
            ctx.close();
        }
    }

    /** JNDI asks for a socket factory class with a static getDefault(); this one trusts only our certificate. */
    public static final class PinnedSockets extends SSLSocketFactory {

        private static volatile SSLSocketFactory delegate;

        static void trust(Path certificate) throws Exception {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(certificate)) {
                trust.setCertificateEntry("ldap", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            delegate = context.getSocketFactory();
        }

        public static SocketFactory getDefault() {
            return new PinnedSockets();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws java.io.IOException {
            return delegate.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws java.io.IOException {
            return delegate.createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws java.io.IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws java.io.IOException {
            return delegate.createSocket(host, port, local, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws java.io.IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws java.io.IOException {
            return delegate.createSocket(address, port, local, localPort);
        }
    }
}
