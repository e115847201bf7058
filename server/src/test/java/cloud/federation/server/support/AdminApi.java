package cloud.federation.server.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

/** Test-side admin client: obtains master-realm tokens the way kcadm does and builds authorised requests. */
public final class AdminApi {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private AdminApi() {
    }

    public static String token() {
        return token(ADMIN, ADMIN_PASSWORD);
    }

    public static String token(String username, String password) {
        return RestAssured.given()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", username)
                .formParam("password", password)
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(token());
    }

    /** A unique realm name per test, so tests never depend on each other's data. */
    public static String uniqueRealm(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An OIDC identity provider whose upstream client secret is {@code clientSecret}. */
    public static void createOidcProvider(String realm, String alias, String clientSecret) {
        admin().body("{\"alias\":\"" + alias + "\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"fed\","
                        + "\"clientSecret\":\"" + clientSecret + "\",\"authorizationUrl\":\"https://okta.example/auth\","
                        + "\"tokenUrl\":\"https://okta.example/token\"}}")
                .post("/admin/realms/" + realm + "/identity-provider/instances").then().statusCode(201);
    }

    /** A master-realm admin who administers {@code realm} only (attribute {@code federation.managedRealm}); its id. */
    public static String createRealmAdmin(String realm, String username, String password) {
        String location = admin().body("{\"username\":\"" + username + "\",\"enabled\":true,\"credentials\":[{\"type\":\"password\","
                        + "\"value\":\"" + password + "\",\"temporary\":false}],"
                        + "\"attributes\":{\"federation.managedRealm\":[\"" + realm + "\"]}}")
                .post("/admin/realms/master/users").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static void createRealm(String name) {
        admin().body("{\"realm\":\"" + name + "\",\"enabled\":true}").post("/admin/realms").then().statusCode(201);
    }
}
