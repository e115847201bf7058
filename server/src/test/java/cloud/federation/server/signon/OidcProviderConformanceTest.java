package cloud.federation.server.signon;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our OpenID Provider against the OpenID Foundation's OP conformance cases that matter for confidential clients,
 * end to end: suite → us → a real (loopback) upstream OP → us → suite.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OidcProviderConformanceTest {

    static LoopbackOp op;
    SignOnSetup setup;
    SuiteBrowser browser;

    @BeforeAll
    static void startOp() {
        op = new LoopbackOp();
    }

    @AfterAll
    static void stopOp() {
        op.close();
    }

    @BeforeEach
    void realm() {
        setup = SignOnSetup.create("op", op.idpJson("upstream", null));
        op.user(new LoopbackOp.User("upstream-" + UUID.randomUUID(), setup.user("alice"), true, "Alice Example"))
                .tweakClaims(c -> c).tweakHeader(h -> h).signWith(null).discoveryIssuer(null).userinfoSubject(null);
        browser = new SuiteBrowser();
    }

    private SuiteBrowser.Stop login(String extraQuery) {
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("login_hint=" + SuiteBrowser.enc(setup.user("alice"))
                + (extraQuery.isEmpty() ? "" : "&" + extraQuery)), SignOnSetup.REDIRECT_URI);
        assertTrue(stop.atSuite(), () -> "flow did not return to the suite: " + stop.page().statusCode() + " " + stop.page().body());
        return stop;
    }

    private String code(String extraQuery) {
        String code = login(extraQuery).query().get("code");
        assertNotNull(code);
        return code;
    }

    private Response redeem(String code, String verifier) {
        var request = RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI);
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.post("/realms/" + setup.realm + "/protocol/openid-connect/token");
    }

    private JWTClaimsSet verifyIdToken(String idToken) throws Exception {
        JWKSet jwks = JWKSet.parse(RestAssured.get("/realms/" + setup.realm + "/protocol/openid-connect/certs").asString());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(jwks)));
        return processor.process(idToken, null);
    }

    @Test
    void discoveryDocumentDescribesTheRealm() {
        RestAssured.get("/realms/" + setup.realm + "/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(setup.issuer()))
                .body("authorization_endpoint", equalTo(setup.issuer() + "/protocol/openid-connect/auth"))
                .body("jwks_uri", equalTo(setup.issuer() + "/protocol/openid-connect/certs"))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("response_types_supported", equalTo(List.of("code")));
    }

    @Test
    void codeFlowIssuesAVerifiableIdTokenAndUserinfo() throws Exception {
        String state = "st/ate+ü&x=1";
        SuiteBrowser.Stop stop = login("state=" + SuiteBrowser.enc(state) + "&nonce=n-0S6_WzA2Mj");
        assertEquals(state, stop.query().get("state"), "state echoed unchanged");
        assertEquals(setup.issuer(), stop.query().get("iss"));
        assertEquals(setup.user("alice"), op.lastLoginHint(), "login_hint forwarded upstream");
        Response tokens = redeem(stop.query().get("code"), null);
        tokens.then().statusCode(200).header("Cache-Control", "no-store").body("token_type", equalTo("Bearer"));

        JWTClaimsSet id = verifyIdToken(tokens.path("id_token"));
        assertEquals(setup.issuer(), id.getIssuer());
        assertEquals(List.of("suite-a"), id.getAudience());
        assertEquals("n-0S6_WzA2Mj", id.getClaim("nonce"));
        assertEquals(setup.user("alice"), id.getClaim("email"));
        assertEquals(Boolean.TRUE, id.getClaim("email_verified"));
        assertEquals("Alice Example", id.getClaim("name"));
        assertEquals("upstream", id.getClaim("idp"));
        assertEquals(List.of("pwd"), id.getClaim("amr"));
        assertNotNull(id.getClaim("auth_time"));
        assertFalse(id.getSubject().startsWith("upstream-"), "sub is ours, never the upstream's identifier");

        String access = tokens.path("access_token");
        RestAssured.given().auth().oauth2(access).get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("sub", equalTo(id.getSubject())).body("email", equalTo(setup.user("alice")));
        RestAssured.given().auth().oauth2(access).post("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("sub", equalTo(id.getSubject()));
        RestAssured.given().contentType(ContentType.URLENC).formParam("access_token", access)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("sub", equalTo(id.getSubject()));
        RestAssured.given().auth().oauth2(access + "x").get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));

        // The same upstream user keeps the same sub.
        String again = verifyIdToken(redeem(code(""), null).path("id_token")).getSubject();
        assertEquals(id.getSubject(), again);
    }

    @Test
    void requestWithoutNonceSucceedsForCodeFlow() throws Exception {
        JWTClaimsSet id = verifyIdToken(redeem(code(""), null).path("id_token"));
        assertNull(id.getClaim("nonce"));
    }

    @Test
    void codeIsSingleUseAndReuseRevokesItsTokens() {
        String code = code("");
        Response first = redeem(code, null);
        first.then().statusCode(200);
        redeem(code, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        RestAssured.given().auth().oauth2(first.<String>path("access_token"))
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo").then().statusCode(401);
        refresh(first.path("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void codeReuseAfter30SecondsIsRefusedToo() throws Exception {
        String code = code("");
        Response first = redeem(code, null);
        first.then().statusCode(200);
        Thread.sleep(30_000);
        redeem(code, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        RestAssured.given().auth().oauth2(first.<String>path("access_token"))
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo").then().statusCode(401);
    }

    @Test
    void codeIsBoundToClientAndRedirectUri() {
        String code = code("");
        RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret).contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "https://suite.invalid/other")
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeFromOneRealmIsUselessInAnother() {
        String code = code("");
        SignOnSetup other = SignOnSetup.create("other", null);
        RestAssured.given().auth().preemptive().basic(other.clientId, other.clientSecret).contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + other.realm + "/protocol/openid-connect/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        RestAssured.given().auth().preemptive().basic(setup.clientId, "wrong").contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code").formParam("code", "x")
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void twoClientAuthenticationMethodsAtOnceAreRefused() {
        RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret).contentType(ContentType.URLENC)
                .formParam("client_id", setup.clientId).formParam("client_secret", setup.clientSecret)
                .formParam("grant_type", "authorization_code").formParam("code", code(""))
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void clientSecretPostIsAccepted() {
        RestAssured.given().contentType(ContentType.URLENC)
                .formParam("client_id", setup.clientId).formParam("client_secret", setup.clientSecret)
                .formParam("grant_type", "authorization_code").formParam("code", code(""))
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(200);
    }

    @Test
    void refreshTokenIssuesFreshTokens() {
        Response first = redeem(code(""), null);
        Response refreshed = refresh(first.path("refresh_token"));
        refreshed.then().statusCode(200);
        assertNotEquals(first.<String>path("access_token"), refreshed.<String>path("access_token"));
        RestAssured.given().auth().oauth2(refreshed.<String>path("access_token"))
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo").then().statusCode(200);
    }

    private Response refresh(String refreshToken) {
        return RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret).contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token");
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void pkceIsEnforcedWhenSent() throws Exception {
        String verifier = "v".repeat(20) + UUID.randomUUID().toString().replace("-", "");
        String query = "code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        redeem(code(query), verifier).then().statusCode(200);
        redeem(code(query), null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(code(query), verifier + "x").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void pkcePlainIsRefused() {
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("state=s1&code_challenge=" + "a".repeat(43)
                + "&code_challenge_method=plain"), SignOnSetup.REDIRECT_URI);
        assertTrue(stop.atSuite());
        assertEquals("invalid_request", stop.query().get("error"));
        assertEquals("s1", stop.query().get("state"));
    }

    @Test
    void publicClientsMustUsePkce() {
        io.restassured.RestAssured.given().auth().oauth2(cloud.federation.server.support.AdminApi.token())
                .contentType(ContentType.JSON)
                .body("{\"clientId\":\"native\",\"publicClient\":true,\"redirectUris\":[\"" + SignOnSetup.REDIRECT_URI + "\"]}")
                .post("/admin/realms/" + setup.realm + "/clients").then().statusCode(201);
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("").replace("client_id=suite-a", "client_id=native"),
                SignOnSetup.REDIRECT_URI);
        assertEquals("invalid_request", stop.query().get("error"));
    }

    @Test
    void unregisteredRedirectUriGetsAnErrorPageAndNoRedirect() {
        SuiteBrowser.Stop stop = browser.open(setup.issuer() + "/protocol/openid-connect/auth?client_id=suite-a"
                + "&response_type=code&scope=openid&redirect_uri=" + SuiteBrowser.enc("https://evil.invalid/cb"), "https://evil.invalid");
        assertFalse(stop.atSuite());
        assertEquals(400, stop.page().statusCode());
        assertTrue(stop.page().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(stop.page().body().contains("not registered"));
        assertFalse(stop.page().body().contains("evil.invalid"), "the attacker's URL is not echoed");
    }

    @Test
    void unknownClientGetsAnErrorPage() {
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("").replace("client_id=suite-a", "client_id=nobody"),
                SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite());
        assertEquals(400, stop.page().statusCode());
    }

    @Test
    void onlyResponseTypeCodeIsSupported() {
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("state=abc").replace("response_type=code",
                "response_type=token"), SignOnSetup.REDIRECT_URI);
        assertEquals("unsupported_response_type", stop.query().get("error"));
        assertEquals("abc", stop.query().get("state"));
    }

    @Test
    void upstreamErrorsReturnToTheSuiteAsAccessDenied() {
        op.tweakClaims(c -> new JWTClaimsSet.Builder(c).issuer("https://evil.invalid").build());
        SuiteBrowser.Stop stop = login("state=keep-me");
        assertEquals("access_denied", stop.query().get("error"));
        assertEquals("keep-me", stop.query().get("state"));
        assertNull(stop.query().get("code"));
    }

    @Test
    void assertedEmailMustBelongToTheRealm() {
        op.user(new LoopbackOp.User("upstream-mallory", "mallory@other-customer.example", true, "Mallory"));
        SuiteBrowser.Stop stop = new SuiteBrowser("fr-CA, en;q=0.5").open(setup.authorizeUrl("login_hint="
                + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite(), "no code for the suite");
        assertEquals(403, stop.page().statusCode());
        assertTrue(stop.page().body().contains("<html lang=\"fr\">"), stop.page().body());
        assertTrue(stop.page().body().contains("Compte non autorisé ici"), stop.page().body());
        assertTrue(stop.page().body().contains("Référence pour l&#39;assistance : <code>"), stop.page().body());
        Response events = AdminApi.admin().get("/admin/realms/" + setup.realm + "/events?type=LOGIN_ERROR");
        events.then().statusCode(200).body("[0].error", equalTo("email_domain_not_in_realm"))
                .body("[0].details.email_domain", equalTo("other-customer.example"))
                .body("[0].details.identity_provider", equalTo("upstream"));
        assertTrue(stop.page().body().contains(events.<String>path("[0].details.reference")), "reference shown to the user");
        assertFalse(events.asString().contains("mallory@"), "the audit trail records the domain, not the address");
    }

    @Test
    void keyRotationKeepsOldTokensVerifiableUntilTheKeyIsDisabled() throws Exception {
        String keys = "/admin/realms/" + setup.realm + "/keys";
        String before = redeem(code(""), null).path("id_token");
        String oldKid = com.nimbusds.jwt.SignedJWT.parse(before).getHeader().getKeyID();
        String newKid = AdminApi.admin().body("{\"algorithm\":\"RS256\"}").post(keys).then().statusCode(200)
                .extract().path("kid");
        String after = redeem(code(""), null).path("id_token");
        assertEquals(newKid, com.nimbusds.jwt.SignedJWT.parse(after).getHeader().getKeyID(), "the new key signs");
        verifyIdToken(before);
        verifyIdToken(after);
        AdminApi.admin().get(keys).then().statusCode(200).body("active.RS256", equalTo(newKid));
        AdminApi.admin().body("{\"status\":\"DISABLED\"}").put(keys + "/" + newKid).then().statusCode(409);
        AdminApi.admin().body("{\"status\":\"DISABLED\"}").put(keys + "/" + oldKid).then().statusCode(204);
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> verifyIdToken(before),
                "a disabled key leaves the JWKS");
        AdminApi.admin().body("{\"algorithm\":\"HS256\"}").post(keys).then().statusCode(400);
    }

    @Test
    void unverifiedEmailIsRefused() {
        op.user(new LoopbackOp.User("upstream-bob", setup.user("bob"), false, "Bob"));
        SuiteBrowser.Stop stop = browser.open(setup.authorizeUrl("login_hint=" + SuiteBrowser.enc(setup.user("bob"))),
                SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite());
        assertEquals(403, stop.page().statusCode());
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionAndRedirectsOnlyToRegisteredUris() {
        Response tokens = redeem(code(""), null);
        String idToken = tokens.path("id_token");
        SuiteBrowser.Stop evil = browser.open(setup.issuer() + "/protocol/openid-connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + SuiteBrowser.enc("https://evil.invalid/"), "https://evil.invalid");
        assertFalse(evil.atSuite());
        assertEquals(400, evil.page().statusCode());
        SuiteBrowser.Stop out = browser.open(setup.issuer() + "/protocol/openid-connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + SuiteBrowser.enc(SignOnSetup.POST_LOGOUT_URI) + "&state=bye",
                SignOnSetup.POST_LOGOUT_URI);
        assertTrue(out.atSuite());
        assertEquals("bye", out.query().get("state"));
        RestAssured.given().auth().oauth2(tokens.<String>path("access_token"))
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo").then().statusCode(401);
    }

    @Test
    void es256IdTokensPerClientOption() throws Exception {
        String clientUuid = RestAssured.given().auth().oauth2(cloud.federation.server.support.AdminApi.token())
                .get("/admin/realms/" + setup.realm + "/clients?clientId=suite-a").then().extract().path("[0].id");
        RestAssured.given().auth().oauth2(cloud.federation.server.support.AdminApi.token()).contentType(ContentType.JSON)
                .body(Map.of("attributes", Map.of("id.token.signed.response.alg", "ES256",
                        "post.logout.redirect.uris", SignOnSetup.POST_LOGOUT_URI)))
                .put("/admin/realms/" + setup.realm + "/clients/" + clientUuid).then().statusCode(204);
        String idToken = redeem(code(""), null).path("id_token");
        assertEquals(JWSAlgorithm.ES256, com.nimbusds.jwt.SignedJWT.parse(idToken).getHeader().getAlgorithm());
        verifyIdToken(idToken);
    }
}
