package cloud.federation.server.signon;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.HtmlBrowser;
import cloud.federation.server.support.KeycloakIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
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
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with a real Keycloak as the customer's OpenID Provider: configured through our admin API, the user
 * signs in on Keycloak's own login page in a browser (HtmlUnit), the suite redeems the code and checks the token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class KeycloakEndToEndTest {

    static KeycloakIdp keycloak;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = new KeycloakIdp();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void suiteSignsAUserInThroughKeycloak() throws Exception {
        SignOnSetup setup = SignOnSetup.create("kc", keycloak.idpJson("customer-keycloak"));
        String email = setup.user("alice");
        keycloak.addUser("alice", email, "Alice-Password-1");

        URL suiteLanding;
        try (HtmlBrowser html = new HtmlBrowser(false)) {
            WebClient browser = html.client;
            HtmlPage login = browser.getPage(setup.authorizeUrl("state=suite-state&nonce=suite-nonce&login_hint="
                    + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)));
            assertTrue(login.getUrl().toString().startsWith(keycloak.issuer()), "routed to Keycloak: " + login.getUrl());
            HtmlForm form = login.getHtmlElementById("kc-form-login");
            assertEquals(email, form.getInputByName("username").getValueAttribute(), "login_hint forwarded to Keycloak");
            form.getInputByName("password").type("Alice-Password-1");
            login.<org.htmlunit.html.HtmlElement>getHtmlElementById("kc-login").click();
            suiteLanding = html.suiteLanding();
        }
        assertNotNull(suiteLanding, "browser returned to the suite");
        Map<String, String> query = cloud.federation.server.support.LoopbackOp.uriQuery(suiteLanding.toURI());
        assertEquals("suite-state", query.get("state"));
        String code = query.get("code");
        assertNotNull(code, "code in " + suiteLanding);

        Response tokens = RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC).formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token");
        tokens.then().statusCode(200);

        JWKSet jwks = JWKSet.parse(RestAssured.get("/realms/" + setup.realm + "/protocol/openid-connect/certs").asString());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet id = processor.process(tokens.<String>path("id_token"), null);
        assertEquals(setup.issuer(), id.getIssuer());
        assertEquals(List.of("suite-a"), id.getAudience());
        assertEquals("suite-nonce", id.getClaim("nonce"));
        assertEquals(email, id.getClaim("email"));
        assertEquals(Boolean.TRUE, id.getClaim("email_verified"));
        assertEquals("Alice", id.getClaim("given_name"));
        assertEquals("Liddell", id.getClaim("family_name"));
        assertEquals("customer-keycloak", id.getClaim("idp"));

        RestAssured.given().auth().oauth2(tokens.<String>path("access_token"))
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("sub", equalTo(id.getSubject())).body("email", equalTo(email));
        AdminApi.admin().get("/admin/realms/" + setup.realm).then().statusCode(200);
    }
}
