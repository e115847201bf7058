package cloud.federation.server.keycloak;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.Fixtures;
import cloud.federation.server.support.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A realm exported from a real Keycloak 26.4.5 (SAML IdP, OIDC IdP, mapper, confidential client) imports unchanged. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class KeycloakRealmImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keycloakExportImportsAndReadsBackWithTheSameIdpConfigs() throws Exception {
        ObjectNode export = (ObjectNode) JSON.readTree(Fixtures.read("contoso-realm-export.json"));
        String realm = AdminApi.uniqueRealm("kc-export");
        export.put("realm", realm);

        AdminApi.admin().body(export.toString()).post("/admin/realms").then().statusCode(201);

        AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(200)
                .body("displayName", equalTo(export.path("displayName").asText()))
                .body("enabled", equalTo(true));

        JsonNode readBack = JSON.readTree(AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances")
                .then().statusCode(200).extract().asString());
        Map<String, JsonNode> byAlias = new HashMap<>();
        readBack.forEach(idp -> byAlias.put(idp.path("alias").asText(), idp));
        assertEquals(export.path("identityProviders").size(), byAlias.size());
        for (JsonNode exported : export.path("identityProviders")) {
            JsonNode ours = byAlias.get(exported.path("alias").asText());
            assertEquals(exported.path("providerId"), ours.path("providerId"));
            assertEquals(exported.path("displayName"), ours.path("displayName"));
            assertEquals(exported.path("enabled"), ours.path("enabled"));
            // Same config map, key for key; Keycloak exports clientSecret masked and so do we.
            assertEquals(exported.path("config"), ours.path("config"), "config of " + exported.path("alias"));
        }

        AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/entra-saml/mappers").then()
                .statusCode(200).body("$", hasSize(1)).body("[0].name", equalTo("email"))
                .body("[0].identityProviderMapper", equalTo("saml-user-attribute-idp-mapper"));

        // Keycloak's built-in clients (account, broker, …) are not suites; the confidential suite client is imported.
        AdminApi.admin().get("/admin/realms/" + realm + "/clients").then().statusCode(200)
                .body("clientId", equalTo(java.util.List.of("suite-a")))
                .body("[0].redirectUris[0]", equalTo("https://suite-a.contoso.com/oidc/callback"))
                .body("[0].attributes.'post.logout.redirect.uris'", equalTo("https://suite-a.contoso.com/logged-out"));
    }
}
