package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import cloud.federation.realm.client.ClientCertificate;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.ldap.sdk.EXTERNALBindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade's request handling over LDAPS, driven by the UnboundID client. */
class DirectoryRequestHandlerTest {

    static final String CONTOSO_SUITE = "cn=suite-a,ou=suites,o=contoso,dc=federation,dc=cloud";
    static final String FABRIKAM_SUITE = "cn=suite-b,ou=suites,o=fabrikam,dc=federation,dc=cloud";
    static LDAPListener listener;
    static SSLUtil clientSsl;
    static SuiteCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        credentials = new SuiteCredentials();
        credentials.put("contoso", "suite-a", GeneratedSecretDigest.digest("contoso-ldap-password"));
        credentials.put("fabrikam", "suite-b", GeneratedSecretDigest.digest("fabrikam-ldap-password"));
        RealmTrees trees = new RealmTrees();
        trees.publish(RealmTree.build("contoso", users("c", 1_100), List.of(), List.of("suite-a"), false, Instant.now()));
        trees.publish(RealmTree.build("fabrikam", users("f", 3), List.of(), List.of("suite-b"), false, Instant.now()));

        var keyStore = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("localhost", "PKCS12");
        // Like the real listener: any client certificate gets through the handshake; EXTERNAL binds check the pin.
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null),
                new TrustAllTrustManager());
        LDAPListenerConfig config = new LDAPListenerConfig(0, new DirectoryRequestHandler(credentials, trees));
        config.setListenAddress(java.net.InetAddress.getLoopbackAddress());
        config.setServerSocketFactory(new LdapsSockets(serverSsl.createSSLServerSocketFactory()));
        config.setRequestClientCertificate(true);
        config.setUseTCPNoDelay(true);
        listener = new LDAPListener(config);
        listener.startListening();
        clientSsl = new SSLUtil(new TrustAllTrustManager());
        new File(keyStore.getFirst().getPath()).deleteOnExit();
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.shutDown(true);
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

    static LDAPConnection connect() throws Exception {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setBindWithDNRequiresPassword(false);
        return new LDAPConnection(clientSsl.createSSLSocketFactory(), options, "127.0.0.1", listener.getListenPort());
    }

    @Test
    void onlySuitesBindWithTheirLdapPassword() throws Exception {
        try (LDAPConnection c = connect()) {
            assertEquals(ResultCode.SUCCESS, c.bind(CONTOSO_SUITE, "contoso-ldap-password").getResultCode());
            assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                    () -> c.bind(CONTOSO_SUITE, "wrong")).getResultCode());
            assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                    () -> c.bind(CONTOSO_SUITE, "fabrikam-ldap-password")).getResultCode(), "another suite's password");
            assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                    () -> c.bind("uid=c-1,ou=users,o=contoso,dc=federation,dc=cloud", "anything")).getResultCode(),
                    "user entries have no credentials here");
            assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                    () -> c.bind("", "")).getResultCode(), "anonymous");
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.bind(CONTOSO_SUITE, "")).getResultCode(), "unauthenticated (empty password)");
            // A failed bind leaves the connection unauthenticated.
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, assertThrows(LDAPSearchException.class,
                    () -> c.search("o=contoso,dc=federation,dc=cloud", SearchScope.BASE, "(objectClass=*)")).getResultCode());
        }
    }

    @Test
    void beforeABindOnlyTheRootDseIsReadableAndItNamesNoRealm() throws Exception {
        try (LDAPConnection c = connect()) {
            com.unboundid.ldap.sdk.RootDSE root = c.getRootDSE();
            assertEquals("3", root.getAttributeValue("supportedLDAPVersion"));
            assertNull(root.getAttributeValue("namingContexts"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, assertThrows(LDAPSearchException.class,
                    () -> c.search("ou=users,o=contoso,dc=federation,dc=cloud", SearchScope.SUB, "(uid=c-1)")).getResultCode());
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            assertEquals(List.of("o=contoso,dc=federation,dc=cloud"), List.of(c.getRootDSE().getAttributeValues("namingContexts")));
            WhoAmIExtendedResult who = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
            assertEquals("dn:" + CONTOSO_SUITE, who.getAuthorizationID());
        }
    }

    @Test
    void aSuiteSeesItsOwnRealmOnlyInBothDirections() throws Exception {
        try (LDAPConnection a = connect(); LDAPConnection b = connect()) {
            a.bind(CONTOSO_SUITE, "contoso-ldap-password");
            b.bind(FABRIKAM_SUITE, "fabrikam-ldap-password");
            assertEquals(1, a.search("o=contoso,dc=federation,dc=cloud", SearchScope.SUB, "(uid=c-7)").getEntryCount());
            assertEquals(3, b.search("ou=users,o=fabrikam,dc=federation,dc=cloud", SearchScope.ONE, "(objectClass=person)").getEntryCount());
            for (String base : List.of("o=fabrikam,dc=federation,dc=cloud", "ou=users,o=fabrikam,dc=federation,dc=cloud",
                    "dc=federation,dc=cloud", "dc=cloud")) {
                assertEquals(ResultCode.NO_SUCH_OBJECT, assertThrows(LDAPSearchException.class,
                        () -> a.search(base, SearchScope.SUB, "(objectClass=*)")).getResultCode(), base);
            }
            assertEquals(ResultCode.NO_SUCH_OBJECT, assertThrows(LDAPSearchException.class,
                    () -> b.search("o=contoso,dc=federation,dc=cloud", SearchScope.SUB, "(uid=c-7)")).getResultCode());
        }
    }

    @Test
    void searchesHonourAttributeListsAndTheServerSizeLimit() throws Exception {
        try (LDAPConnection c = connect()) {
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            String users = "ou=users,o=contoso,dc=federation,dc=cloud";
            SearchResultEntry mailOnly = c.searchForEntry(users, SearchScope.ONE, "(uid=c-3)", "mail");
            assertEquals(1, mailOnly.getAttributes().size());
            assertEquals("c3@example.com", mailOnly.getAttributeValue("mail"));
            SearchResultEntry none = c.searchForEntry(users, SearchScope.ONE, "(uid=c-3)", "1.1");
            assertTrue(none.getAttributes().isEmpty());
            SearchResultEntry all = c.searchForEntry(users, SearchScope.ONE, "(uid=c-3)");
            assertFalse(all.hasAttribute("entryUUID"), "operational attributes only on request");
            assertTrue(all.hasAttribute("userAccountControl"));
            SearchResultEntry plus = c.searchForEntry(users, SearchScope.ONE, "(uid=c-3)", "+");
            assertTrue(plus.hasAttribute("entryUUID") && plus.hasAttribute("createTimestamp") && !plus.hasAttribute("mail"));

            LDAPSearchException capped = assertThrows(LDAPSearchException.class,
                    () -> c.search(users, SearchScope.ONE, "(objectClass=person)", "1.1"));
            assertEquals(ResultCode.SIZE_LIMIT_EXCEEDED, capped.getResultCode());
            assertEquals(1000, capped.getEntryCount(), "like AD: 1000 entries without paging");
            SearchResult sales = c.search(users, SearchScope.ONE, "(&(department=sales)(mail=c1*))", "mail");
            // Even users are in Sales; mails c1…: 10-19, 100-199 and 1000-1099 give 5 + 50 + 50.
            assertEquals(105, sales.getEntryCount());
            assertTrue(sales.getSearchEntries().stream().allMatch(e -> e.getAttributes().size() == 1
                    && e.getAttributeValue("mail").startsWith("c1")));
        }
    }

    @Test
    void compareUsesTheEqualityRuleWithinTheBoundRealm() throws Exception {
        try (LDAPConnection c = connect(); LDAPConnection other = connect()) {
            String user = "uid=c-3,ou=users,o=contoso,dc=federation,dc=cloud";
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, assertThrows(LDAPException.class,
                    () -> c.compare(user, "mail", "c3@example.com")).getResultCode(), "not before a bind");
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            assertTrue(c.compare(user, "mail", "C3@EXAMPLE.COM").compareMatched());
            assertFalse(c.compare(user, "mail", "c4@example.com").compareMatched());
            assertEquals(ResultCode.NO_SUCH_ATTRIBUTE, assertThrows(LDAPException.class,
                    () -> c.compare(user, "mobile", "1")).getResultCode());
            other.bind(FABRIKAM_SUITE, "fabrikam-ldap-password");
            assertEquals(ResultCode.NO_SUCH_OBJECT, assertThrows(LDAPException.class,
                    () -> other.compare(user, "mail", "c3@example.com")).getResultCode(), "another realm's entry");
        }
    }

    @Test
    void anUnsupportedCriticalControlFailsTheSearchInsteadOfBeingIgnored() throws Exception {
        try (LDAPConnection c = connect()) {
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            com.unboundid.ldap.sdk.SearchRequest request = new com.unboundid.ldap.sdk.SearchRequest(
                    "ou=users,o=contoso,dc=federation,dc=cloud", SearchScope.ONE, "(uid=c-1)");
            request.addControl(new com.unboundid.ldap.sdk.Control("1.2.3.4.5.6.7.8", true));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, assertThrows(LDAPSearchException.class,
                    () -> c.search(request)).getResultCode());
            request.setControls(new com.unboundid.ldap.sdk.Control("1.2.3.4.5.6.7.8", false));
            assertEquals(1, c.search(request).getEntryCount(), "a non-critical unknown control is ignored");
        }
    }

    @Test
    void writesAreRefused() throws Exception {
        try (LDAPConnection c = connect()) {
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.delete("uid=c-1,ou=users,o=contoso,dc=federation,dc=cloud")).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.modify("uid=c-1,ou=users,o=contoso,dc=federation,dc=cloud",
                            new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE, "mail", "x@y"))).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, assertThrows(LDAPException.class,
                    () -> c.add("uid=new,ou=users,o=contoso,dc=federation,dc=cloud", new com.unboundid.ldap.sdk.Attribute("objectClass", "person"))).getResultCode());
            assertEquals(1, c.search("o=contoso,dc=federation,dc=cloud", SearchScope.SUB, "(mail=c1@example.com)").getEntryCount());
        }
    }

    @Test
    void aSuiteBindsOverLdapsWithItsPinnedClientCertificate() throws Exception {
        var clientKeys = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("suite-a", "PKCS12");
        new File(clientKeys.getFirst().getPath()).deleteOnExit();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = new java.io.FileInputStream(clientKeys.getFirst())) {
            store.load(in, clientKeys.getSecond());
        }
        byte[] der = store.getCertificate(store.aliases().nextElement()).getEncoded();
        credentials.replaceRealm("contoso", Map.of("suite-a", GeneratedSecretDigest.digest("contoso-ldap-password")),
                Map.of("suite-a", ClientCertificate.fingerprint(der)));
        SSLUtil withCertificate = new SSLUtil(new KeyStoreKeyManager(clientKeys.getFirst(), clientKeys.getSecond(),
                "PKCS12", null), new TrustAllTrustManager());
        try (LDAPConnection c = new LDAPConnection(withCertificate.createSSLSocketFactory(), "127.0.0.1",
                listener.getListenPort())) {
            assertEquals(ResultCode.SUCCESS, c.bind(new EXTERNALBindRequest()).getResultCode());
            WhoAmIExtendedResult who = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
            assertEquals("dn:" + CONTOSO_SUITE, who.getAuthorizationID());
        }
        try (LDAPConnection c = connect()) {
            assertEquals(ResultCode.INVALID_CREDENTIALS, assertThrows(LDAPException.class,
                    () -> c.bind(new EXTERNALBindRequest())).getResultCode(), "no certificate, no EXTERNAL bind");
        }
    }

    /**
     * The listener writes each message to the socket on its own; the handler holds them so a search's entries go
     * out in full TLS records rather than a record (and a write, and a TCP segment) per entry.
     */
    @Test
    void aSearchsEntriesGoOutInFullTlsRecordsNotARecordEach() throws Exception {
        TlsRecords records = new TlsRecords();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        try (LDAPConnection c = new LDAPConnection(records.under(clientSsl.createSSLSocketFactory()), options,
                "127.0.0.1", listener.getListenPort())) {
            c.bind(CONTOSO_SUITE, "contoso-ldap-password");
            String users = "ou=users,o=contoso,dc=federation,dc=cloud";
            int before = records.received();
            long bytesBefore = records.bytes();
            SearchRequest first = new SearchRequest(users, SearchScope.ONE, "(objectClass=person)");
            first.addControl(new SimplePagedResultsControl(1_000));
            SearchResult page = c.search(first);
            assertEquals(1_000, page.getEntryCount());
            int used = records.received() - before;
            long bytes = records.bytes() - bytesBefore;
            assertTrue(used < 100, "1,000 entries took " + used + " TLS records");
            assertTrue(used <= Math.ceil(bytes / 16_384.0) + 1, used + " records for " + bytes + " bytes: records are full");

            SearchRequest second = new SearchRequest(users, SearchScope.ONE, "(objectClass=person)");
            second.addControl(new SimplePagedResultsControl(1_000, SimplePagedResultsControl.get(page).getCookie()));
            SearchResult rest = c.search(second);
            assertEquals(100, rest.getEntryCount(), "the last page");
            assertEquals(1_100, java.util.stream.Stream.concat(page.getSearchEntries().stream(), rest.getSearchEntries()
                    .stream()).map(SearchResultEntry::getDN).distinct().count(), "every user once, across the pages");
            assertEquals(1, c.search(users, SearchScope.ONE, "(uid=c-7)").getEntryCount(),
                    "nothing was left held after the paged search");
        }
    }

    /** Counts the TLS records the server sends by reading their headers off the TCP stream under the client's TLS. */
    static final class TlsRecords {
        private final java.util.concurrent.atomic.AtomicInteger records = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

        int received() {
            return records.get();
        }

        /** What the records carried, encrypted. */
        long bytes() {
            return bytes.get();
        }

        SocketFactory under(SSLSocketFactory tls) {
            return new SocketFactory() {
                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return createSocket(InetAddress.getByName(host), port);
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Socket createSocket(InetAddress host, int port) throws IOException {
                    return tls.createSocket(new Counted(host, port), host.getHostAddress(), port, true);
                }

                @Override
                public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        private final class Counted extends Socket {
            private InputStream in;

            Counted(InetAddress host, int port) throws IOException {
                super(host, port);
            }

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new RecordHeaders(super.getInputStream());
                }
                return in;
            }
        }

        /** TLS record framing (RFC 8446 §5.1): a 5-byte header whose last two bytes are the length of the rest. */
        private final class RecordHeaders extends FilterInputStream {
            private final byte[] header = new byte[5];
            private int headerRead;
            private int bodyLeft;

            RecordHeaders(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    see((byte) b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                int n = super.read(buffer, offset, count);
                for (int i = 0; i < n; i++) {
                    see(buffer[offset + i]);
                }
                return n;
            }

            private void see(byte b) {
                if (bodyLeft > 0) {
                    bodyLeft--;
                    return;
                }
                header[headerRead++] = b;
                if (headerRead == header.length) {
                    records.incrementAndGet();
                    bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                    bytes.addAndGet(bodyLeft);
                    headerRead = 0;
                }
            }
        }
    }
}
