package cloud.federation.ldap.protocol;

import cloud.federation.realm.secrets.GeneratedSecretDigest;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The facade's operation counters, read from a real listener driven by the UnboundID client over LDAPS. */
class MeteredRequestHandlerTest {

    static final String SUITE = "cn=suite-a,ou=suites,o=contoso,dc=federation,dc=cloud";
    static final String USERS = "ou=users,o=contoso,dc=federation,dc=cloud";

    SimpleMeterRegistry registry;
    LDAPListener listener;
    SSLUtil clientSsl;

    @BeforeEach
    void start() throws Exception {
        registry = new SimpleMeterRegistry();
        SuiteCredentials credentials = new SuiteCredentials();
        credentials.put("contoso", "suite-a", GeneratedSecretDigest.digest("contoso-ldap-password"));
        var keyStore = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("localhost", "PKCS12");
        new File(keyStore.getFirst().getPath()).deleteOnExit();
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null),
                new TrustAllTrustManager());
        LDAPListenerConfig config = new LDAPListenerConfig(0, new MeteredRequestHandler(
                new DirectoryRequestHandler(credentials, new RealmTrees()), new LdapOperationMeters(registry)));
        config.setListenAddress(InetAddress.getLoopbackAddress());
        config.setServerSocketFactory(serverSsl.createSSLServerSocketFactory());
        listener = new LDAPListener(config);
        listener.startListening();
        clientSsl = new SSLUtil(new TrustAllTrustManager());
    }

    @AfterEach
    void stop() {
        listener.shutDown(true);
    }

    LDAPConnection connect() throws Exception {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setBindWithDNRequiresPassword(false); // so the empty-password bind reaches the server
        return new LDAPConnection(clientSsl.createSSLSocketFactory(), options, "127.0.0.1", listener.getListenPort());
    }

    double operations(String type, String result) {
        Counter c = registry.find(LdapOperationMeters.OPERATIONS).tag("type", type).tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    double bindFailures(String method, String reason) {
        Counter c = registry.find(LdapOperationMeters.BIND_FAILURES).tag("method", method).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void bindsAreCountedByResultAndFailedOnesByReason() throws Exception {
        try (LDAPConnection c = connect()) {
            c.bind(SUITE, "contoso-ldap-password");
            assertThrows(LDAPException.class, () -> c.bind(SUITE, "wrong"));
            assertThrows(LDAPException.class, () -> c.bind(SUITE, "wrong again"));
            assertThrows(LDAPException.class, () -> c.bind(SUITE, ""));
        }
        assertEquals(1, operations("bind", "success"));
        assertEquals(2, operations("bind", "invalidCredentials"));
        assertEquals(1, operations("bind", "unwillingToPerform"));
        assertEquals(2, bindFailures("simple", "invalidCredentials"));
        assertEquals(1, bindFailures("simple", "unwillingToPerform"));
        assertEquals(0, bindFailures("simple", "success"), "a successful bind is no failure");
    }

    @Test
    void everyOperationTypeIsCountedWithItsResultCode() throws Exception {
        try (LDAPConnection c = connect()) {
            c.getRootDSE();
            assertThrows(LDAPException.class, () -> c.search(USERS, SearchScope.SUB, "(uid=someone)"));
            assertThrows(LDAPException.class, () -> c.compare(new CompareRequest(USERS, "ou", "users")));
            c.bind(SUITE, "contoso-ldap-password");
            c.processExtendedOperation(new WhoAmIExtendedRequest());
            assertThrows(LDAPException.class, () -> c.add(new AddRequest("cn=x," + USERS, new Attribute("cn", "x"))));
            assertThrows(LDAPException.class, () -> c.modify(new ModifyRequest(USERS,
                    new Modification(ModificationType.REPLACE, "description", "x"))));
            assertThrows(LDAPException.class, () -> c.delete(new DeleteRequest(USERS)));
            assertThrows(LDAPException.class, () -> c.modifyDN(new ModifyDNRequest(USERS, "ou=people", true)));
            c.abandon(c.asyncSearch(new SearchRequest(IGNORED, "", SearchScope.BASE, "(objectClass=*)")));
            // Answered only after the abandon was handled (one request at a time): nothing is still on its way
            // to the client when it unbinds, so the server is not reset before it reads the unbind.
            c.processExtendedOperation(new WhoAmIExtendedRequest());
        }
        // The listener answers a connection's requests in order, so once the unbind is counted everything is.
        awaitNoneResult("unbind");
        assertEquals(1, operations("abandon", "none"));
        assertEquals(2, operations("search", "success"), "the root DSE, twice");
        assertEquals(1, operations("search", "insufficientAccessRights"), "a search before binding");
        assertEquals(1, operations("compare", "insufficientAccessRights"));
        assertEquals(2, operations("extended", "success"));
        assertEquals(1, operations("add", "unwillingToPerform"));
        assertEquals(1, operations("modify", "unwillingToPerform"));
        assertEquals(1, operations("delete", "unwillingToPerform"));
        assertEquals(1, operations("moddn", "unwillingToPerform"));
    }

    static final AsyncSearchResultListener IGNORED = new AsyncSearchResultListener() {
        @Override
        public void searchResultReceived(AsyncRequestID id, SearchResult result) {
        }

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
        }
    };

    /** Abandon and unbind have no response, so the client cannot wait for the server to have handled them. */
    void awaitNoneResult(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (operations(type, "none") < 1) {
            if (System.nanoTime() > deadline) {
                fail(type + " was not counted");
            }
            Thread.sleep(10);
        }
        assertEquals(1, operations(type, "none"));
    }

    @Test
    void resultCodesAreNamedAsRfc4511NamesThem() {
        assertEquals("success", LdapOperationMeters.resultName(ResultCode.SUCCESS_INT_VALUE));
        assertEquals("invalidCredentials", LdapOperationMeters.resultName(ResultCode.INVALID_CREDENTIALS_INT_VALUE));
        assertEquals("invalidDNSyntax", LdapOperationMeters.resultName(ResultCode.INVALID_DN_SYNTAX_INT_VALUE));
        assertEquals("compareTrue", LdapOperationMeters.resultName(ResultCode.COMPARE_TRUE_INT_VALUE));
        assertEquals("adminLimitExceeded", LdapOperationMeters.resultName(ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE));
        assertEquals("saslBindInProgress", LdapOperationMeters.resultName(ResultCode.SASL_BIND_IN_PROGRESS_INT_VALUE));
        assertEquals("none", LdapOperationMeters.resultName(LdapOperationMeters.NO_RESULT));
        assertEquals("4242", LdapOperationMeters.resultName(4242), "a code nobody defined stays a number");
    }

    @Test
    void countersOutsideTheCachedRangeAreCountedToo() {
        LdapOperationMeters meters = new LdapOperationMeters(registry);
        meters.completed(LdapOperationMeters.Operation.SEARCH, 4242);
        meters.completed(LdapOperationMeters.Operation.SEARCH, 4242);
        meters.completed(LdapOperationMeters.Operation.SEARCH, 0);
        assertEquals(2, operations("search", "4242"));
        assertEquals(1, operations("search", "success"));
    }
}
