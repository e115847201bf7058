package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the raw database rows, as someone with a stolen backup would, and finds no secret in plain text. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SecretsAtRestTest {

    private static final String UPSTREAM_SECRET = "upstream-okta-secret-" + System.nanoTime();
    private static final String SUITE_SECRET = "suite-client-secret-" + System.nanoTime();
    private static final String ADMIN_PASSWORD = "scoped-admin-password-" + System.nanoTime();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noSecretIsStoredInPlainText() throws Exception {
        String realm = AdminApi.uniqueRealm("rest");
        AdminApi.createRealm(realm);
        AdminApi.createOidcProvider(realm, "okta", UPSTREAM_SECRET);
        AdminApi.admin().body("{\"clientId\":\"suite\",\"secret\":\"" + SUITE_SECRET + "\","
                        + "\"redirectUris\":[\"https://suite.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201);
        AdminApi.admin().body("{\"username\":\"rest-" + realm + "\",\"credentials\":[{\"type\":\"password\",\"value\":\""
                + ADMIN_PASSWORD + "\"}]}").post("/admin/realms/master/users").then().statusCode(201);

        String dump = dumpTables("identity_provider", "suite_client", "admin_user", "signing_key", "admin_event", "realm");
        assertFalse(dump.contains(UPSTREAM_SECRET), "upstream client secret stored in plain text");
        assertFalse(dump.contains(SUITE_SECRET), "suite client secret stored in plain text");
        assertFalse(dump.contains(ADMIN_PASSWORD), "admin password stored in plain text");
        assertFalse(dump.contains(AdminApi.ADMIN_PASSWORD), "bootstrap admin password stored in plain text");
        // Private JWK members (RSA "d", "p", "q"; EC "d") must only exist inside the AES-GCM envelope.
        assertFalse(dump.contains("\"d\":"), "private signing key stored in plain text");
        assertTrue(dump.contains("v1:"), "sealed values are present");
        assertTrue(dump.contains("pbkdf2-sha512$"), "slow hashes are present");
    }

    private String dumpTables(String... tables) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select * from " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
