package cloud.federation.ldap.protocol;

import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import cloud.federation.realm.token.LockoutPolicy;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerExceptionHandler;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A facade listener configured the way {@code LdapListeners} configures the real ones (connection limit, PDU limit,
 * no-delay, a quiet exception handler, one shared context), on the loopback address and a free port.
 *
 * <p>Without a StartTLS factory the request handler treats a plain connection as already secure (that is how an
 * LDAPS listener's handler is built), so tests can talk plain LDAP over raw sockets and still reach binds and
 * searches.
 */
final class TestListener implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** LdapListeners' default {@code maxRequestBytes}. */
    static final int MAX_REQUEST_BYTES = 262_144;
    static final String CONNECTION_THREAD_PREFIX = "LDAPListener client connection reader";

    final LDAPListener listener;
    final DirectoryContext context;

    private TestListener(LDAPListener listener, DirectoryContext context) {
        this.listener = listener;
        this.context = context;
    }

    static TestListener start(DirectoryContext context) throws IOException {
        return start(context, null, c -> {
        });
    }

    static TestListener start(DirectoryContext context, SSLSocketFactory startTls, Consumer<LDAPListenerConfig> tweak)
            throws IOException {
        LDAPListenerConfig config = new LDAPListenerConfig(0, new DirectoryRequestHandler(context, startTls));
        config.setListenAddress(InetAddress.getByName(HOST));
        config.setMaxConnections(1000);
        config.setMaxMessageSizeBytes(MAX_REQUEST_BYTES);
        config.setUseTCPNoDelay(true);
        config.setExceptionHandler(QUIET);
        tweak.accept(config);
        LDAPListener listener = new LDAPListener(config);
        listener.startListening();
        return new TestListener(listener, context);
    }

    /** Refused and broken connections are what these tests provoke; they are not worth a log line. */
    private static final LDAPListenerExceptionHandler QUIET = new LDAPListenerExceptionHandler() {
        @Override
        public void connectionCreationFailure(Socket socket, Throwable cause) {
        }

        @Override
        public void connectionTerminated(LDAPListenerClientConnection connection, LDAPException cause) {
        }
    };

    static DirectoryContext context(SuiteCredentials credentials, RealmTrees trees, FacadeLimits limits,
                                    BindThrottle throttle, ConnectionRegistry registry) {
        return new DirectoryContext(credentials, trees, limits, throttle, registry);
    }

    /** A throttle that never locks, for tests that fail many binds on purpose (fuzzing) but must bind afterwards. */
    static BindThrottle lenientThrottle() {
        LockoutPolicy never = new LockoutPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1));
        return new BindThrottle(never, never, Clock.systemUTC());
    }

    int port() {
        return listener.getListenPort();
    }

    LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setResponseTimeoutMillis(15_000);
        options.setConnectTimeoutMillis(5_000);
        return new LDAPConnection(options, HOST, port());
    }

    RawLdapSocket raw(int soTimeoutMillis) throws IOException {
        return new RawLdapSocket(HOST, port(), soTimeoutMillis);
    }

    /** A new connection binds as the suite and finds one user: the listener still serves. */
    void assertServes(String bindDn, String password, String base, String filter) throws LDAPException {
        try (LDAPConnection c = connect()) {
            c.bind(bindDn, password);
            assertEquals(1, c.search(base, SearchScope.SUB, filter).getEntryCount(), "a fresh connection still works");
        }
    }

    @Override
    public void close() {
        listener.shutDown(true);
        if (context.connections() != null) {
            context.connections().close();
        }
    }

    static List<SyncedUser> users(String prefix, int n) {
        List<SyncedUser> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SyncedUser("s", prefix + "-" + i, Map.of("displayName", List.of("User " + prefix + i),
                    "mail", List.of(prefix + i + "@example.com"), "department", List.of(i % 2 == 0 ? "Sales" : "Support"))));
        }
        return out;
    }

    static int connectionThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(CONNECTION_THREAD_PREFIX)) {
                n++;
            }
        }
        return n;
    }

    /** Waits for a condition the server reaches asynchronously (a close noticed, a counter released). */
    static void eventually(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }
}
