package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ClientAdminTest {

    private String clients;

    @BeforeEach
    void realm() {
        String realm = AdminApi.uniqueRealm("clients");
        AdminApi.createRealm(realm);
        clients = "/admin/realms/" + realm + "/clients";
    }

    private String create(String json) {
        String location = AdminApi.admin().body(json).post(clients).then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void registersASuiteAndReadsItBackWithoutItsSecret() {
        String id = create("{\"clientId\":\"suite-a\",\"name\":\"Suite A\",\"secret\":\"given-secret\","
                + "\"redirectUris\":[\"https://suite-a.example/cb\"],"
                + "\"attributes\":{\"post.logout.redirect.uris\":\"https://suite-a.example/bye\"}}");
        AdminApi.admin().get(clients + "/" + id).then().statusCode(200)
                .body("clientId", equalTo("suite-a")).body("name", equalTo("Suite A"))
                .body("protocol", equalTo("openid-connect")).body("publicClient", equalTo(false))
                .body("redirectUris[0]", equalTo("https://suite-a.example/cb"))
                .body("attributes.'post.logout.redirect.uris'", equalTo("https://suite-a.example/bye"))
                .body("secret", nullValue());
        AdminApi.admin().get(clients + "?clientId=suite-a").then().body("$", hasSize(1)).body("[0].id", equalTo(id));
        AdminApi.admin().get(clients + "?clientId=other").then().body("$", hasSize(0));
    }

    @Test
    void secretIsShownOnlyWhenRegenerated() {
        String id = create("{\"clientId\":\"suite-b\",\"redirectUris\":[\"https://b.example/cb\"]}");
        AdminApi.admin().get(clients + "/" + id + "/client-secret").then().statusCode(200)
                .body("type", equalTo("secret")).body("value", nullValue());
        String first = AdminApi.admin().post(clients + "/" + id + "/client-secret").then().statusCode(200)
                .body("type", equalTo("secret")).body("value", notNullValue()).extract().path("value");
        AdminApi.admin().post(clients + "/" + id + "/client-secret").then().statusCode(200)
                .body("value", not(equalTo(first)));
    }

    @Test
    void publicClientsHaveNoSecret() {
        String id = create("{\"clientId\":\"native\",\"publicClient\":true,\"redirectUris\":[\"http://127.0.0.1/cb\"]}");
        AdminApi.admin().post(clients + "/" + id + "/client-secret").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void redirectUrisMustBeExactHttpsUrls() {
        for (String bad : new String[] {"https://suite.example/*", "/relative/cb", "http://suite.example/cb",
                "https://suite.example/cb#frag", "javascript:alert(1)"}) {
            AdminApi.admin().body("{\"clientId\":\"c\",\"redirectUris\":[\"https://ok.example/cb\",\"" + bad + "\"]}")
                    .post(clients).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("redirectUris[1]:"));
        }
        AdminApi.admin().body("{\"clientId\":\"c\",\"attributes\":{\"post.logout.redirect.uris\":\"https://a.example/x##*\"}}")
                .post(clients).then().statusCode(400).body("detail", containsString("post.logout.redirect.uris[1]"));
        AdminApi.admin().get(clients).then().body("$", hasSize(0));
    }

    @Test
    void duplicateClientIdIs409AndUnknownIs404() {
        create("{\"clientId\":\"dup\",\"redirectUris\":[\"https://d.example/cb\"]}");
        AdminApi.admin().body("{\"clientId\":\"dup\"}").post(clients).then().statusCode(409)
                .contentType("application/problem+json");
        AdminApi.admin().get(clients + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        AdminApi.admin().body("{\"clientId\":\"x\",\"protocol\":\"saml\"}").post(clients).then().statusCode(400)
                .body("detail", startsWith("protocol:"));
    }

    @Test
    void updatesAndDeletes() {
        String id = create("{\"clientId\":\"upd\",\"redirectUris\":[\"https://u.example/cb\"]}");
        AdminApi.admin().body("{\"enabled\":false,\"redirectUris\":[\"https://u.example/cb2\"]}").put(clients + "/" + id)
                .then().statusCode(204);
        AdminApi.admin().get(clients + "/" + id).then().body("enabled", equalTo(false))
                .body("redirectUris", equalTo(java.util.List.of("https://u.example/cb2")));
        AdminApi.admin().body("{\"clientId\":\"renamed\"}").put(clients + "/" + id).then().statusCode(400);
        AdminApi.admin().delete(clients + "/" + id).then().statusCode(204);
        AdminApi.admin().get(clients + "/" + id).then().statusCode(404);
    }
}
