package cloud.federation.ldap.service;

import cloud.federation.ldap.protocol.BindThrottle;
import cloud.federation.ldap.protocol.ConnectionRegistry;
import cloud.federation.ldap.protocol.DirectoryContext;
import cloud.federation.ldap.protocol.DirectoryRequestHandler;
import cloud.federation.ldap.protocol.FacadeLimits;
import cloud.federation.ldap.protocol.LdapOperationMeters;
import cloud.federation.ldap.protocol.MeteredRequestHandler;
import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.token.LockoutPolicy;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerExceptionHandler;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.sdk.LDAPException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * Starts the directory facade's listeners with the server: LDAPS, and plain LDAP that requires StartTLS. Both
 * share the realms' views, the limits, one bind throttle and one connection registry.
 */
@ApplicationScoped
public class LdapListeners {

    private static final Logger LOG = Logger.getLogger(LdapListeners.class);

    @Inject
    FederationConfig config;
    @Inject
    DirectoryViews views;
    @Inject
    MeterRegistry registry;

    private LDAPListener ldaps;
    private LDAPListener ldap;
    private ConnectionRegistry connections;

    void start(@Observes StartupEvent event) throws LDAPException, IOException {
        FederationConfig.Ldap c = config.ldap();
        if (!c.enabled()) {
            return;
        }
        views.loadAll();
        ListenerTls tls = ListenerTls.from(c);
        connections = new ConnectionRegistry(c.maxConnections(), c.maxConnectionsPerAddress(), c.idleTimeout());
        DirectoryContext context = new DirectoryContext(views.credentials(), views.trees(),
                new FacadeLimits(c.sizeLimit(), c.timeLimit(), c.maxPagedSearches(), c.maxValueRange(),
                        c.maxFilterDepth(), c.maxFilterComponents()),
                new BindThrottle(new LockoutPolicy(c.bindFreeFailures(), c.bindBaseDelay(), c.bindMaxDelay()),
                        new LockoutPolicy(c.bindAddressFreeFailures(), c.bindBaseDelay(), c.bindMaxDelay()),
                        Clock.systemUTC()),
                connections);
        LdapOperationMeters meters = new LdapOperationMeters(registry);
        Gauge.builder("federation.ldap.connections.active", this, LdapListeners::activeConnections)
                .description("Open LDAP connections on both listeners").strongReference(true).register(registry);
        if (c.ldapsPort() >= 0) {
            ldaps = listen(c, c.ldapsPort(), new MeteredRequestHandler(new DirectoryRequestHandler(context, null), meters),
                    tls.serverSockets());
            LOG.infof("LDAPS listening on %s:%d", c.host(), ldaps.getListenPort());
        }
        if (c.ldapPort() >= 0) {
            SSLSocketFactory startTls = tls.startTls(c.maxRequestBytes());
            ldap = listen(c, c.ldapPort(), new MeteredRequestHandler(new DirectoryRequestHandler(context, startTls), meters),
                    null);
            LOG.infof("LDAP (StartTLS required) listening on %s:%d", c.host(), ldap.getListenPort());
        }
    }

    private static LDAPListener listen(FederationConfig.Ldap c, int port, LDAPListenerRequestHandler handler,
                                       ServerSocketFactory sockets) throws IOException, UnknownHostException {
        LDAPListenerConfig lc = new LDAPListenerConfig(port, handler);
        lc.setListenAddress(InetAddress.getByName(c.host()));
        lc.setMaxConnections(c.maxConnections());
        lc.setMaxMessageSizeBytes(c.maxRequestBytes());
        lc.setUseTCPNoDelay(true);
        lc.setExceptionHandler(QUIET);
        if (sockets != null) {
            lc.setServerSocketFactory(sockets);
            lc.setRequestClientCertificate(true); // optional, for SASL EXTERNAL
        }
        LDAPListener listener = new LDAPListener(lc);
        listener.startListening();
        return listener;
    }

    /** Refused and broken connections are the client's business; they only reach the debug log. */
    private static final LDAPListenerExceptionHandler QUIET = new LDAPListenerExceptionHandler() {
        @Override
        public void connectionCreationFailure(Socket socket, Throwable cause) {
            LOG.debugf("LDAP connection refused: %s", cause.getMessage());
        }

        @Override
        public void connectionTerminated(LDAPListenerClientConnection connection, LDAPException cause) {
            LOG.debugf("LDAP connection ended: %s", cause.getResultCode());
        }
    };

    /** The LDAPS port actually bound (a configured 0 picks a free one); -1 when off. */
    public int ldapsPort() {
        return ldaps == null ? -1 : ldaps.getListenPort();
    }

    public int ldapPort() {
        return ldap == null ? -1 : ldap.getListenPort();
    }

    /** Open connections on both listeners. */
    public int activeConnections() {
        return connections == null ? 0 : connections.active();
    }

    void stop(@Observes ShutdownEvent event) {
        if (connections != null) {
            connections.closeAll();
        }
        if (ldaps != null) {
            ldaps.shutDown(true);
        }
        if (ldap != null) {
            ldap.shutDown(true);
        }
        if (connections != null) {
            connections.close();
        }
    }
}
