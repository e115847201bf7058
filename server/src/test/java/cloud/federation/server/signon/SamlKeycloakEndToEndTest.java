package cloud.federation.server.signon;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.HtmlBrowser;
import cloud.federation.server.support.KeycloakIdp;
import cloud.federation.server.support.LoopbackOp;
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
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Keycloak 26.4.5 as the customer's SAML IdP: its descriptor imported with {@code import-config fromUrl},
 * our SP metadata registered in Keycloak, the user signs in on Keycloak's page, with signed and with encrypted
 * assertions, and the suite receives a verifiable ID token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SamlKeycloakEndToEndTest {

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
    void signedAssertions() throws Exception {
        signIn("saml-signed", false, "bob");
    }

    @Test
    void encryptedAssertions() throws Exception {
        signIn("saml-enc", true, "carol");
    }

    private void signIn(String prefix, boolean encrypt, String user) throws Exception {
        SignOnSetup setup = SignOnSetup.create(prefix, null);
        Map<String, String> config = AdminApi.admin()
                .body("{\"providerId\":\"saml\",\"fromUrl\":\"" + keycloak.samlDescriptorUrl() + "\"}")
                .post("/admin/realms/" + setup.realm + "/identity-provider/import-config")
                .then().statusCode(200).extract().as(Map.class);
        config.put("postBindingAuthnRequest", "false"); // HTTP-Redirect with a query signature
        config.put("loginHint", "true");
        AdminApi.admin().body(Map.of("alias", "customer-saml", "providerId", "saml", "displayName", "Customer SAML",
                "config", config)).post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
        String descriptor = RestAssured.get("/realms/" + setup.realm + "/broker/customer-saml/endpoint/descriptor")
                .then().statusCode(200).extract().asString();
        keycloak.registerSamlServiceProvider(descriptor, encrypt);
        String email = setup.user(user);
        keycloak.addUser(user, email, "Saml-Password-1");

        URL landing;
        String samlResponse;
        try (HtmlBrowser html = new HtmlBrowser(true)) {
            WebClient browser = html.client;
            HtmlPage login = browser.getPage(setup.authorizeUrl("state=saml-state&login_hint="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8)));
            assertTrue(login.getUrl().toString().startsWith(keycloak.issuer()), "routed to Keycloak: " + login.getUrl()
                    + "\n" + login.asXml());
            HtmlForm form = login.getHtmlElementById("kc-form-login");
            assertEquals(email, form.getInputByName("username").getValueAttribute(), "login hint sent as Subject/NameID");
            form.getInputByName("password").type("Saml-Password-1");
            login.<org.htmlunit.html.HtmlElement>getHtmlElementById("kc-login").click();
            browser.waitForBackgroundJavaScript(5_000);
            landing = html.suiteLanding();
            String posted = html.postedToUs("SAMLResponse");
            samlResponse = posted == null ? null
                    : new String(java.util.Base64.getMimeDecoder().decode(posted), StandardCharsets.UTF_8);
        }
        assertNotNull(samlResponse, "Keycloak posted a SAMLResponse to our ACS");
        assertEquals(encrypt, samlResponse.contains("EncryptedAssertion"), "assertion encrypted as configured");
        assertNotNull(landing, "browser returned to the suite");
        Map<String, String> query = LoopbackOp.uriQuery(landing.toURI());
        assertEquals("saml-state", query.get("state"));
        assertNotNull(query.get("code"), () -> "no code: " + landing);

        String idToken = RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC).formParam("grant_type", "authorization_code").formParam("code", query.get("code"))
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("id_token");
        JWKSet jwks = JWKSet.parse(RestAssured.get("/realms/" + setup.realm + "/protocol/openid-connect/certs").asString());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet id = processor.process(idToken, null);
        assertEquals(email, id.getClaim("email"));
        assertEquals("customer-saml", id.getClaim("idp"));
    }
}
