package cloud.federation.server.sync;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /admin/realms/{realm}/directory-sources}: validation, write-only secrets, realm isolation. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DirectorySourceAdminTest {

    private static final String SECRET = "entra-app-secret-" + System.nanoTime();

    @Inject
    AgroalDataSource dataSource;

    static String entra(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"type\":\"entra\",\"schedule\":\"manual\",\"config\":{"
                + "\"tenantId\":\"contoso.onmicrosoft.com\",\"clientId\":\"app-1\",\"clientSecret\":\"" + SECRET + "\""
                + extra + "}}";
    }

    @Test
    void createsReadsUpdatesAndDeletesWithSecretsWriteOnly() throws Exception {
        String realm = AdminApi.uniqueRealm("src");
        AdminApi.createRealm(realm);
        String path = "/admin/realms/" + realm + "/directory-sources";
        String location = AdminApi.admin().body(entra("Contoso Entra", ""))
                .post(path).then().statusCode(201)
                .body("type", equalTo("entra")).body("enabled", equalTo(true))
                .body("config.clientSecret", equalTo("**********"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        AdminApi.admin().get(path + "/" + id).then().statusCode(200)
                .body("name", equalTo("Contoso Entra"))
                .body("config.tenantId", equalTo("contoso.onmicrosoft.com"))
                .body("config.clientSecret", equalTo("**********"))
                .body("filter", nullValue());
        String dump = dump("directory_source") + dump("admin_event");
        assertFalse(dump.contains(SECRET), "the client secret is stored or audited in plain text");
        assertTrue(dump.contains("v1:"), "sealed under the master key");

        // Sending the mask back keeps the secret; a filter and schedule can be set.
        AdminApi.admin().body("{\"name\":\"Contoso Entra\",\"schedule\":\"5m\",\"filter\":\"(department=Sales)\","
                        + "\"config\":{\"tenantId\":\"contoso.onmicrosoft.com\",\"clientId\":\"app-1\","
                        + "\"clientSecret\":\"**********\",\"cloud\":\"usgov\"}}")
                .put(path + "/" + id).then().statusCode(200)
                .body("filter", equalTo("(department=Sales)")).body("schedule", equalTo("5m"))
                .body("config.cloud", equalTo("usgov")).body("config.clientSecret", equalTo("**********"));
        AdminApi.admin().get(path).then().statusCode(200).body("$", hasSize(1));
        AdminApi.admin().delete(path + "/" + id).then().statusCode(204);
        AdminApi.admin().get(path + "/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidFiltersAre400NamingThePositionOrAttributeAndChangeNothing() {
        String realm = AdminApi.uniqueRealm("flt");
        AdminApi.createRealm(realm);
        String path = "/admin/realms/" + realm + "/directory-sources";
        AdminApi.admin().body(entra("a", "").replace("\"schedule\"", "\"filter\":\"(&(department=Sales)\",\"schedule\""))
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("Invalid LDAP filter: "));
        AdminApi.admin().body(entra("a", "").replace("\"schedule\"", "\"filter\":\"(shoeSize=42)\",\"schedule\""))
                .post(path).then().statusCode(400)
                .body("detail", equalTo("Invalid LDAP filter: unknown attribute 'shoeSize' (use e.g. email, department, "
                        + "officeLocation, location, phoneNumber, userType, displayName, givenName, surname, jobTitle, "
                        + "city, country)"));
        AdminApi.admin().get(path).then().body("$", hasSize(0));

        String id = AdminApi.admin().body(entra("b", "")).post(path).then().statusCode(201).extract().path("id");
        AdminApi.admin().body(entra("b", "").replace("\"schedule\"", "\"filter\":\"(department=Sales\",\"schedule\""))
                .put(path + "/" + id).then().statusCode(400).body("detail", startsWith("Invalid LDAP filter: "));
        AdminApi.admin().get(path + "/" + id).then().body("filter", nullValue());
    }

    @Test
    void configIsValidatedPerType() {
        String realm = AdminApi.uniqueRealm("cfg");
        AdminApi.createRealm(realm);
        String path = "/admin/realms/" + realm + "/directory-sources";
        AdminApi.admin().body(entra("x", ",\"graphBaseUrl\":\"http://graph.example/v1.0\"")).post(path)
                .then().statusCode(400).body("detail", containsString("config.graphBaseUrl")).body("detail", containsString("https"));
        AdminApi.admin().body(entra("x", ",\"passwrd\":\"typo\"")).post(path)
                .then().statusCode(400).body("detail", startsWith("config.passwrd: unknown key for entra sources"));
        AdminApi.admin().body(entra("x", ",\"trustedCaPem\":\"not a certificate\"")).post(path)
                .then().statusCode(400).body("detail", startsWith("config.trustedCaPem"));
        AdminApi.admin().body(entra("x", ",\"cloud\":\"mars\"")).post(path)
                .then().statusCode(400).body("detail", containsString("cloud"));
        AdminApi.admin().body("{\"name\":\"x\",\"type\":\"entra\",\"config\":{\"tenantId\":\"t\",\"clientId\":\"c\"}}")
                .post(path).then().statusCode(400).body("detail", equalTo("config.clientSecret: is required"));
        AdminApi.admin().body("{\"name\":\"x\",\"type\":\"ldap\",\"config\":{}}").post(path)
                .then().statusCode(400).body("detail", containsString("type"));
        AdminApi.admin().body(entra("x", "").replace("\"manual\"", "\"1s\"")).post(path)
                .then().statusCode(400).body("detail", containsString("shorter than 10s"));
        AdminApi.admin().body("{\"name\":\"w\",\"type\":\"webex\",\"config\":{}}").post(path)
                .then().statusCode(400).body("detail", containsString("accessToken"));
        AdminApi.admin().body("{\"name\":\"w\",\"type\":\"webex\",\"config\":{\"clientId\":\"c\",\"clientSecret\":\"s\"}}")
                .post(path).then().statusCode(400).body("detail", equalTo("config.refreshToken: is required"));
        AdminApi.admin().body("{\"name\":\"w\",\"type\":\"webex\",\"config\":{\"accessToken\":\"t\","
                + "\"apiBaseUrl\":\"http://webex.example\"}}").post(path).then().statusCode(400)
                .body("detail", containsString("must use https"));
        AdminApi.admin().body("{\"name\":\"w\",\"type\":\"webex\",\"config\":{\"accessToken\":\"t\","
                + "\"objectTypes\":\"people,robots\"}}").post(path).then().statusCode(400)
                .body("detail", containsString("'robots'"));
        AdminApi.admin().get(path).then().body("$", hasSize(0));
        AdminApi.admin().body(entra("dup", "")).post(path).then().statusCode(201);
        AdminApi.admin().body(entra("dup", "")).post(path).then().statusCode(409);
    }

    @Test
    void aRealmAdminCannotSeeOrTriggerAnotherRealmsSources() {
        String mine = AdminApi.uniqueRealm("mine");
        String other = AdminApi.uniqueRealm("other");
        AdminApi.createRealm(mine);
        AdminApi.createRealm(other);
        String otherId = AdminApi.admin().body(entra("theirs", "")).post("/admin/realms/" + other + "/directory-sources")
                .then().statusCode(201).extract().path("id");
        String username = "src-admin-" + mine;
        AdminApi.createRealmAdmin(mine, username, "scoped-password-1");
        String token = AdminApi.token(username, "scoped-password-1");
        AdminApi.as(token).get("/admin/realms/" + other + "/directory-sources").then().statusCode(403);
        AdminApi.as(token).post("/admin/realms/" + other + "/directory-sources/" + otherId + "/sync").then().statusCode(403);
        AdminApi.as(token).get("/admin/realms/" + other + "/users").then().statusCode(403);
        // Through its own realm's path, another realm's source id does not exist.
        AdminApi.as(token).get("/admin/realms/" + mine + "/directory-sources/" + otherId).then().statusCode(404);
        AdminApi.as(token).post("/admin/realms/" + mine + "/directory-sources/" + otherId + "/sync").then().statusCode(404);
        AdminApi.as(token).get("/admin/realms/" + mine + "/directory-sources").then().statusCode(200).body("$", hasSize(0));

        // Custom endpoints are for operators: a customer admin must not aim our server at internal hosts.
        AdminApi.as(token).body(entra("mine", ",\"graphBaseUrl\":\"https://10.0.0.5/v1.0\""))
                .post("/admin/realms/" + mine + "/directory-sources").then().statusCode(403)
                .body("detail", startsWith("config.graphBaseUrl: only operators"));
        String id = AdminApi.as(token).body(entra("mine", ",\"cloud\":\"usgov\""))
                .post("/admin/realms/" + mine + "/directory-sources").then().statusCode(201).extract().path("id");
        AdminApi.as(token).body(entra("mine", ",\"authorityHost\":\"https://169.254.169.254/\""))
                .put("/admin/realms/" + mine + "/directory-sources/" + id).then().statusCode(403);
        AdminApi.admin().body(entra("mine", ",\"authorityHost\":\"https://login.partner.example/\""))
                .put("/admin/realms/" + mine + "/directory-sources/" + id).then().statusCode(200);
        // Saving the source again unchanged keeps the operator's endpoint.
        AdminApi.as(token).body(entra("mine", ",\"authorityHost\":\"https://login.partner.example/\",\"cloud\":\"usgov\""))
                .put("/admin/realms/" + mine + "/directory-sources/" + id).then().statusCode(200);
    }

    @Test
    void thePreviewValidatesItsFilterToo() {
        String realm = AdminApi.uniqueRealm("prev");
        AdminApi.createRealm(realm);
        AdminApi.admin().queryParam("filter", "(department=Sales").get("/admin/realms/" + realm + "/users")
                .then().statusCode(400).body("detail", startsWith("Invalid LDAP filter: "));
        AdminApi.admin().queryParam("filter", "(department=Sales)").get("/admin/realms/" + realm + "/users")
                .then().statusCode(200).header("X-Total-Count", "0").body("$", hasSize(0));
    }

    private String dump(String table) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + table)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(rs.getString(i)).append('|');
                }
            }
        }
        return out.toString();
    }
}
