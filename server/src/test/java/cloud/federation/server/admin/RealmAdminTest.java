package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.endsWith;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RealmAdminTest {

    @Test
    void createsReadsUpdatesAndDeletesARealm() {
        String realm = AdminApi.uniqueRealm("crud");
        AdminApi.admin().body("{\"realm\":\"" + realm + "\",\"enabled\":true,\"displayName\":\"Contoso\"}")
                .post("/admin/realms").then().statusCode(201)
                .header("Location", endsWith("/admin/realms/" + realm));
        AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(200)
                .body("realm", equalTo(realm)).body("displayName", equalTo("Contoso")).body("enabled", equalTo(true))
                .body("id", notNullValue());
        AdminApi.admin().get("/admin/realms").then().statusCode(200).body("realm", hasItem(realm));
        AdminApi.admin().body("{\"displayName\":\"Contoso Ltd\"}").put("/admin/realms/" + realm).then().statusCode(204);
        AdminApi.admin().get("/admin/realms/" + realm).then().body("displayName", equalTo("Contoso Ltd"));
        AdminApi.admin().delete("/admin/realms/" + realm).then().statusCode(204);
        AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(404);
    }

    @Test
    void newRealmsGetRs256AndEs256SigningKeys() {
        String realm = AdminApi.uniqueRealm("keys");
        AdminApi.createRealm(realm);
        io.restassured.RestAssured.get("/realms/" + realm + "/protocol/openid-connect/certs").then().statusCode(200)
                .body("keys.alg", hasItem("RS256")).body("keys.alg", hasItem("ES256"))
                .body("keys.d", not(hasItem(notNullValue())));
    }

    @Test
    void unknownRealmIs404ProblemJson() {
        AdminApi.admin().get("/admin/realms/no-such-realm").then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found")).body("detail", containsString("no-such-realm"));
        AdminApi.admin().get("/admin/realms/no-such-realm/clients").then().statusCode(404);
        AdminApi.admin().delete("/admin/realms/no-such-realm").then().statusCode(404);
    }

    @Test
    void duplicateRealmIs409() {
        String realm = AdminApi.uniqueRealm("dup");
        AdminApi.createRealm(realm);
        AdminApi.admin().body("{\"realm\":\"" + realm + "\",\"enabled\":true}").post("/admin/realms")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("already exists"));
    }

    @Test
    void invalidRepresentationsAre400NamingTheField() {
        AdminApi.admin().body("{\"enabled\":true}").post("/admin/realms").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("realm: is required"));
        AdminApi.admin().body("{\"realm\":\"has space\"}").post("/admin/realms").then().statusCode(400)
                .body("detail", containsString("realm:"));
        AdminApi.admin().body("{\"realm\": ").post("/admin/realms").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Invalid JSON"));
        AdminApi.admin().body("{\"realm\":\"x\",\"enabled\":\"perhaps\"}").post("/admin/realms").then().statusCode(400)
                .body("detail", containsString("enabled"));
    }

    @Test
    void aFailingPartOfARealmImportCreatesNothing() {
        String realm = AdminApi.uniqueRealm("atomic");
        AdminApi.admin().body("{\"realm\":\"" + realm + "\",\"enabled\":true,\"identityProviders\":["
                        + "{\"alias\":\"ok\",\"providerId\":\"saml\",\"config\":{\"singleSignOnServiceUrl\":\"https://idp/sso\"}},"
                        + "{\"alias\":\"bad\",\"providerId\":\"ldap\"}]}")
                .post("/admin/realms").then().statusCode(400)
                .body("detail", containsString("identityProviders[1].providerId"));
        AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(404);
    }

    @Test
    void masterRealmCannotBeDeleted() {
        AdminApi.admin().delete("/admin/realms/master").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void renamingIsRefused() {
        String realm = AdminApi.uniqueRealm("rename");
        AdminApi.createRealm(realm);
        AdminApi.admin().body("{\"realm\":\"other\"}").put("/admin/realms/" + realm).then().statusCode(400)
                .body("detail", containsString("realm: renaming"));
    }

    @Test
    void realmScopedAdminsSeeOnlyTheirRealmAndCannotCreateRealms() {
        String mine = AdminApi.uniqueRealm("mine");
        String other = AdminApi.uniqueRealm("other");
        AdminApi.createRealm(mine);
        AdminApi.createRealm(other);
        String username = "scoped-" + mine;
        AdminApi.createRealmAdmin(mine, username, "scoped-password-1");
        String token = AdminApi.token(username, "scoped-password-1");

        AdminApi.as(token).get("/admin/realms/" + mine).then().statusCode(200);
        AdminApi.as(token).get("/admin/realms/" + other).then().statusCode(403).contentType("application/problem+json");
        AdminApi.as(token).get("/admin/realms/" + other + "/identity-provider/instances").then().statusCode(403);
        AdminApi.as(token).get("/admin/realms/no-such-realm").then().statusCode(403);
        AdminApi.as(token).body("{\"realm\":\"x-" + mine + "\",\"enabled\":true}").post("/admin/realms").then().statusCode(403);
        AdminApi.as(token).get("/admin/realms").then().statusCode(200).body("realm", equalTo(java.util.List.of(mine)));
        AdminApi.as(token).get("/admin/realms/master/users").then().statusCode(403);
        AdminApi.as(token).delete("/admin/realms/" + mine).then().statusCode(403);
    }

    @Test
    void partialExportCarriesConfigurationButNoSecrets() {
        String realm = AdminApi.uniqueRealm("export");
        AdminApi.createRealm(realm);
        AdminApi.createOidcProvider(realm, "okta", "upstream-secret-value");
        AdminApi.admin().body("{\"clientId\":\"suite-a\",\"secret\":\"suite-secret-value\","
                        + "\"redirectUris\":[\"https://suite-a.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201);
        Response export = AdminApi.admin().post("/admin/realms/" + realm + "/partial-export?exportClients=true");
        export.then().statusCode(200)
                .body("identityProviders[0].alias", equalTo("okta"))
                .body("identityProviders[0].config.clientSecret", equalTo("**********"))
                .body("clients[0].clientId", equalTo("suite-a"));
        String body = export.asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("upstream-secret-value"));
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("suite-secret-value"));
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("pbkdf2"));
    }

    @Test
    void adminChangesAreAuditedWithoutSecretValues() {
        String realm = AdminApi.uniqueRealm("audit");
        AdminApi.createRealm(realm);
        AdminApi.createOidcProvider(realm, "okta", "audited-secret-value");
        AdminApi.admin().delete("/admin/realms/" + realm + "/identity-provider/instances/okta").then().statusCode(204);
        Response events = AdminApi.admin().get("/admin/realms/" + realm + "/admin-events");
        events.then().statusCode(200)
                .body("[0].operationType", equalTo("DELETE"))
                .body("[0].resourcePath", equalTo("identity-provider/instances/okta"))
                .body("[1].operationType", equalTo("CREATE"))
                .body("[1].resourceType", equalTo("IDENTITY_PROVIDER"))
                .body("[1].authDetails.userId", notNullValue())
                .body("[1].representation", containsString("**********"))
                .body("[2].resourceType", equalTo("REALM"));
        org.junit.jupiter.api.Assertions.assertFalse(events.asString().contains("audited-secret-value"));
        AdminApi.admin().get("/admin/realms/" + realm + "/admin-events?operationTypes=DELETE").then()
                .body("size()", equalTo(1));
    }
}
