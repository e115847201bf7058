package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.RawHttp;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Base64;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AdminTokenTest {

    private static final String TOKEN_PATH = "/realms/master/protocol/openid-connect/token";

    @TestHTTPResource("/")
    URL base;

    private static Response passwordGrant(String clientId, String username, String password) {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", clientId)
                .formParam("username", username).formParam("password", password)
                .post(TOKEN_PATH);
    }

    @Test
    void passwordGrantIssuesAVerifiableRs256TokenListedInJwks() throws Exception {
        Response response = passwordGrant("admin-cli", AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
        response.then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(60))
                .body("refresh_token", notNullValue());
        SignedJWT jwt = SignedJWT.parse(response.path("access_token"));
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(base.toString() + "realms/master", jwt.getJWTClaimsSet().getIssuer());

        JWKSet jwks = JWKSet.parse(RestAssured.get("/realms/master/protocol/openid-connect/certs").asString());
        RSAKey key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertTrue(jwks.getKeys().stream().noneMatch(k -> k.isPrivate()), "JWKS must hold public keys only");
    }

    @Test
    void wrongPasswordIsInvalidGrant() {
        // From its own loopback address so the per-address counter of other tests is untouched.
        RawHttp.Reply reply = post("127.0.0.11", "grant_type=password&client_id=admin-cli&username=admin&password=wrong");
        assertEquals(401, reply.status());
        assertTrue(reply.body().contains("\"error\":\"invalid_grant\""), reply.body());
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() {
        RawHttp.Reply reply = post("127.0.0.12", "grant_type=password&client_id=admin-cli&username=nobody&password=x");
        assertEquals(401, reply.status());
        assertTrue(reply.body().contains("Invalid user credentials"), reply.body());
    }

    @Test
    void onlyTheAdminCliClientGetsAdminTokens() {
        passwordGrant("suite-a", AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void unsupportedGrantAndMissingParametersAreOAuthErrors() {
        RestAssured.given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin-cli").post(TOKEN_PATH)
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        RestAssured.given().contentType(ContentType.URLENC).formParam("client_id", "admin-cli").post(TOKEN_PATH)
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void refreshTokenGrantIssuesNewTokens() {
        String refresh = passwordGrant("admin-cli", AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD).path("refresh_token");
        String access = RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("client_id", "admin-cli")
                .formParam("refresh_token", refresh).post(TOKEN_PATH)
                .then().statusCode(200).extract().path("access_token");
        AdminApi.as(access).get("/admin/realms").then().statusCode(200);
    }

    @Test
    void accessTokenIsNotARefreshToken() {
        String access = AdminApi.token();
        RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("client_id", "admin-cli")
                .formParam("refresh_token", access).post(TOKEN_PATH)
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void adminCallsWithoutTokenAreUnauthorized() {
        RestAssured.get("/admin/realms").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"master\"")
                .body("status", equalTo(401)).body("detail", equalTo("Bearer token required"));
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        String refresh = passwordGrant("admin-cli", AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD).path("refresh_token");
        AdminApi.as(refresh).get("/admin/realms").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = AdminApi.token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"admin\"", "\"root\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        AdminApi.as(forged).get("/admin/realms").then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        SignedJWT real = SignedJWT.parse(AdminApi.token());
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .type(real.getHeader().getType()).build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(attacker));
        AdminApi.as(forged.serialize()).get("/admin/realms").then().statusCode(401);
    }

    @Test
    void unsignedTokenIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(AdminApi.token()).getJWTClaimsSet();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes()) + ".";
        AdminApi.as(none).get("/admin/realms").then().statusCode(401);
    }

    @Test
    void userFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        AdminApi.admin().body("{\"username\":\"locktest\",\"enabled\":true,\"credentials\":[{\"type\":\"password\","
                + "\"value\":\"locktest-password-1\"}]}").post("/admin/realms/master/users").then().statusCode(201);
        // Failures spread over two addresses: the per-user counter still sees all four.
        for (int i = 0; i < 2; i++) {
            assertEquals(401, post("127.0.0.21", form("locktest", "wrong")).status());
            assertEquals(401, post("127.0.0.22", form("locktest", "wrong")).status());
        }
        RawHttp.Reply locked = post("127.0.0.23", form("locktest", "locktest-password-1"));
        assertEquals(401, locked.status(), "the right password must be refused while the account is locked");
        Thread.sleep(2_500);
        assertEquals(200, post("127.0.0.23", form("locktest", "locktest-password-1")).status(),
                "the lock must expire after the configured delay");
    }

    @Test
    void addressFailuresLockThatAddressOnly() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertEquals(401, post("127.0.0.31", form("spray-" + i, "guess")).status());
        }
        assertEquals(401, post("127.0.0.31", form(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD)).status(),
                "a password-spraying address is slowed down even for valid credentials");
        assertEquals(200, post("127.0.0.32", form(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD)).status(),
                "other addresses are unaffected");
    }

    private static String form(String username, String password) {
        return "grant_type=password&client_id=admin-cli&username=" + username + "&password=" + password;
    }

    private RawHttp.Reply post(String source, String form) {
        try {
            return RawHttp.postForm(source, base.getPort(), TOKEN_PATH, form);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
