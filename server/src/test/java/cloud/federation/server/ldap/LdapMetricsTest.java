package cloud.federation.server.ldap;

import cloud.federation.ldap.service.LdapListeners;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.Prometheus;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The LDAP facade in {@code /q/metrics}: the server's own LDAPS listener, driven by the UnboundID client. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class LdapMetricsTest {

    static final Path CERT = Path.of("target/test-data/ldap-tls/ldap-cert.pem");
    static final String OPERATIONS = "federation_ldap_operations_total";
    static final String BIND_FAILURES = "federation_ldap_bind_failures_total";
    static final String CONNECTIONS = "federation_ldap_connections_active";

    @Inject
    LdapListeners listeners;

    @Test
    void operationsBindFailuresAndOpenConnectionsAreCounted() throws Exception {
        String realm = AdminApi.uniqueRealm("ldapm");
        AdminApi.createRealm(realm);
        Map<String, String> suite = LdapSuites.register(realm, "suite-" + System.nanoTime());
        awaitBind(suite).close();

        Prometheus before = Prometheus.scrape();
        LDAPException refused = assertThrows(LDAPException.class,
                () -> LdapSuites.connect(listeners.ldapsPort(), CERT, suite.get("bindDn"), "not-the-password"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, refused.getResultCode());
        try (LDAPConnection c = LdapSuites.connect(listeners.ldapsPort(), CERT, suite.get("bindDn"), suite.get("password"))) {
            c.getRootDSE();
            Prometheus during = Prometheus.scrape();
            assertTrue(during.value(CONNECTIONS).orElseThrow() >= 1, "this test's connection is open");
            assertEquals(1, delta(before, during, OPERATIONS, "type", "bind", "result", "invalidCredentials"));
            assertEquals(1, delta(before, during, BIND_FAILURES, "method", "simple", "reason", "invalidCredentials"));
            assertEquals(1, delta(before, during, OPERATIONS, "type", "bind", "result", "success"));
            assertEquals(1, delta(before, during, OPERATIONS, "type", "search", "result", "success"));
            assertEquals(0, delta(before, during, BIND_FAILURES, "reason", "success"));
        }
    }

    static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** A new credential reaches the listener right after the admin API answers; waits until it binds. */
    LDAPConnection awaitBind(Map<String, String> suite) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return LdapSuites.connect(listeners.ldapsPort(), CERT, suite.get("bindDn"), suite.get("password"));
            } catch (LDAPException e) {
                if (System.nanoTime() > deadline) {
                    fail("the suite never bound: " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
    }
}
