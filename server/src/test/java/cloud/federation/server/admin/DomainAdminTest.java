package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class DomainAdminTest {

    private static String unique() {
        return "d" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void addsNormalisedDomainsListsAndDeletesThem() {
        String realm = AdminApi.uniqueRealm("dom");
        AdminApi.createRealm(realm);
        String label = unique();
        String path = "/admin/realms/" + realm + "/domains";
        AdminApi.admin().body("{\"name\":\"" + label.toUpperCase() + ".Example.COM.\",\"matchSubdomains\":true,\"verified\":true}")
                .post(path).then().statusCode(201).body("name", equalTo(label + ".example.com"))
                .body("verified", equalTo(true)).body("verificationRecord", nullValue());
        AdminApi.admin().body("{\"name\":\"" + label + ".bücher.example\"}").post(path).then().statusCode(201)
                .body("name", equalTo(label + ".xn--bcher-kva.example"))
                .body("verified", equalTo(false))
                .body("verificationRecord", startsWith("federation-verification="));
        AdminApi.admin().get(path).then().statusCode(200).body("$", hasSize(2))
                .body("[0].matchSubdomains", equalTo(true));
        AdminApi.admin().delete(path + "/" + label + ".example.com").then().statusCode(204);
        AdminApi.admin().get(path).then().body("$", hasSize(1));
        AdminApi.admin().delete(path + "/" + label + ".example.com").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aDomainBelongsToOneRealmOnly() {
        String first = AdminApi.uniqueRealm("owner");
        String second = AdminApi.uniqueRealm("claimer");
        AdminApi.createRealm(first);
        AdminApi.createRealm(second);
        String domain = unique() + ".contoso.example";
        AdminApi.admin().body("{\"name\":\"" + domain + "\",\"verified\":true}").post("/admin/realms/" + first + "/domains")
                .then().statusCode(201);
        AdminApi.admin().body("{\"name\":\"" + domain.toUpperCase() + "\"}").post("/admin/realms/" + second + "/domains")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("belongs to another realm"));
        AdminApi.admin().body("{\"name\":\"" + domain + "\"}").post("/admin/realms/" + first + "/domains")
                .then().statusCode(409);
        // The other realm cannot delete it either.
        AdminApi.admin().delete("/admin/realms/" + second + "/domains/" + domain).then().statusCode(404);
    }

    @Test
    void invalidDomainsAre400() {
        String realm = AdminApi.uniqueRealm("bad");
        AdminApi.createRealm(realm);
        for (String bad : new String[] {"", "localhost", "exa mple.com", "-x.com", "a..b"}) {
            AdminApi.admin().body("{\"name\":\"" + bad + "\"}").post("/admin/realms/" + realm + "/domains")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("name:"));
        }
        AdminApi.admin().get("/admin/realms/" + realm + "/domains").then().body("$", hasSize(0));
    }
}
