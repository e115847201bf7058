package cloud.federation.server.console;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.LoopbackSamlIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity-provider wizard: SAML by URL and by upload, OpenID Connect, what to paste into the IdP, test sign-in. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class IdentityProviderConsoleTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void samlByMetadataUrlShowsOurValuesAndRefreshesFromThatUrl() {
        String realm = AdminApi.uniqueRealm("wiz");
        AdminApi.createRealm(realm);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp("ann@wiz.example");
             ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage wizard = browser.open("/admin/console/realms/" + realm + "/identity-providers/new");
            String issuer = base.toString().replaceAll("/$", "") + "/realms/" + realm;
            assertTrue(wizard.asNormalizedText().contains(issuer), "the wizard shows our entity id before anything exists");
            HtmlForm form = ConsoleBrowser.form(wizard, "/new/saml");
            form.<HtmlInput>getInputByName("alias").setValue("corp-saml");
            form.<HtmlInput>getInputByName("displayName").setValue("Corp SAML");
            form.<HtmlInput>getInputByName("metadataUrl").setValue(idp.metadataUrl());
            HtmlPage detail = ConsoleBrowser.click(wizard, "create-saml");
            assertEquals("/admin/console/realms/" + realm + "/identity-providers/corp-saml", detail.getUrl().getPath());
            assertEquals(issuer, detail.getHtmlElementById("sp-entity-id").getTextContent());
            assertEquals(issuer + "/broker/corp-saml/endpoint", detail.getHtmlElementById("sp-acs").getTextContent());
            String metadataUrl = detail.getHtmlElementById("sp-metadata").getTextContent();
            RestAssured.get(metadataUrl).then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("entityID=\"" + issuer + "\""));

            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/corp-saml").then().statusCode(200)
                    .body("providerId", equalTo("saml"))
                    .body("config.singleSignOnServiceUrl", equalTo(idp.ssoUrl()))
                    .body("config.useMetadataDescriptorUrl", equalTo("true"))
                    .body("config.metadataDescriptorUrl", equalTo(idp.metadataUrl()));
            AdminApi.admin().get("/admin/realms/" + realm + "/admin-events").then().statusCode(200)
                    .body("find { it.resourcePath == 'identity-provider/instances/corp-saml' }.authDetails.userId",
                            org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void samlByUploadAndBrokenMetadataIsRefusedWithItsReasonAndCreatesNothing() throws Exception {
        String realm = AdminApi.uniqueRealm("upl");
        AdminApi.createRealm(realm);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp("ann@upl.example");
             ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            Path file = Files.createTempFile("idp-metadata", ".xml");
            Files.writeString(file, RestAssured.get(idp.metadataUrl()).asString());
            HtmlPage wizard = browser.open("/admin/console/realms/" + realm + "/identity-providers/new");
            HtmlForm form = ConsoleBrowser.form(wizard, "/new/saml");
            form.<HtmlInput>getInputByName("alias").setValue("uploaded");
            ((HtmlFileInput) form.getInputByName("metadataFile")).setFiles(file.toFile());
            HtmlPage detail = ConsoleBrowser.click(wizard, "create-saml");
            assertEquals(200, detail.getWebResponse().getStatusCode(), detail.asNormalizedText());
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/uploaded").then().statusCode(200)
                    .body("config.singleSignOnServiceUrl", equalTo(idp.ssoUrl()));

            Files.writeString(file, "<not-metadata/>");
            wizard = browser.open("/admin/console/realms/" + realm + "/identity-providers/new");
            form = ConsoleBrowser.form(wizard, "/new/saml");
            form.<HtmlInput>getInputByName("alias").setValue("broken");
            ((HtmlFileInput) form.getInputByName("metadataFile")).setFiles(file.toFile());
            HtmlPage refused = ConsoleBrowser.click(wizard, "create-saml");
            assertEquals(400, refused.getWebResponse().getStatusCode());
            assertTrue(refused.getHtmlElementById("error").getTextContent().startsWith("Identity provider not added"));
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/broken").then().statusCode(404);
        }
    }

    @Test
    void openIdConnectShowsTheRedirectUriAndNeverTheSecret() {
        String realm = AdminApi.uniqueRealm("oidc");
        AdminApi.createRealm(realm);
        try (LoopbackOp op = new LoopbackOp(); ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage wizard = browser.open("/admin/console/realms/" + realm + "/identity-providers/new");
            HtmlForm form = ConsoleBrowser.form(wizard, "/new/oidc");
            form.<HtmlInput>getInputByName("alias").setValue("okta");
            form.<HtmlInput>getInputByName("issuer").setValue(op.issuer());
            form.<HtmlInput>getInputByName("clientId").setValue(LoopbackOp.CLIENT_ID);
            form.<HtmlInput>getInputByName("clientSecret").setValue(LoopbackOp.CLIENT_SECRET);
            HtmlPage detail = ConsoleBrowser.click(wizard, "create-oidc");
            assertEquals(base.toString().replaceAll("/$", "") + "/realms/" + realm + "/broker/okta/endpoint",
                    detail.getHtmlElementById("redirect-uri").getTextContent());
            assertFalse(detail.getWebResponse().getContentAsString().contains(LoopbackOp.CLIENT_SECRET));
            assertFalse(browser.open("/admin/console/realms/" + realm + "/events").getWebResponse()
                    .getContentAsString().contains(LoopbackOp.CLIENT_SECRET));
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/okta").then().statusCode(200)
                    .body("config.tokenUrl", equalTo(op.issuer() + "/token"));
        }
    }

    @Test
    void webexIsOneSwitchWithTheOperatorsIntegration() {
        String realm = AdminApi.uniqueRealm("webex");
        AdminApi.createRealm(realm);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage wizard = browser.open("/admin/console/realms/" + realm + "/identity-providers/new");
            assertTrue(ConsoleBrowser.form(wizard, "/new/webex").getInputsByName("clientSecret").isEmpty(),
                    "no fields to fill: the service's own integration is configured");
            HtmlPage detail = ConsoleBrowser.click(wizard, "create-webex");
            assertEquals("/admin/console/realms/" + realm + "/identity-providers/webex", detail.getUrl().getPath());
            assertFalse(detail.getWebResponse().getContentAsString().contains("webex-integration-secret-for-tests"));
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/webex").then().statusCode(200)
                    .body("providerId", equalTo("webex")).body("config.serviceIntegration", equalTo("true"))
                    .body("config.clientId", org.hamcrest.Matchers.nullValue())
                    .body("config.clientSecret", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void testSignInHandsOutAOneTimeStartLinkOnlyToTheRealmsAdmins() {
        String realm = AdminApi.uniqueRealm("tsi");
        AdminApi.createRealm(realm);
        try (LoopbackSamlIdp idp = new LoopbackSamlIdp("ann@tsi.example");
             ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            AdminApi.admin().body("{\"alias\":\"corp\",\"providerId\":\"saml\",\"enabled\":true,\"config\":{"
                            + "\"singleSignOnServiceUrl\":\"" + idp.ssoUrl() + "\",\"signingCertificate\":\""
                            + idp.certificate() + "\",\"validateSignature\":\"true\"}}")
                    .post("/admin/realms/" + realm + "/identity-provider/instances").then().statusCode(201);
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            HtmlPage detail = browser.open("/admin/console/realms/" + realm + "/identity-providers/corp");
            assertEquals("_blank", ConsoleBrowser.form(detail, "/corp/test-sign-in").getTargetAttribute());
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String csrf = ConsoleBrowser.csrf(detail);
            String path = "/admin/console/realms/" + realm + "/identity-providers/corp/test-sign-in";
            String location = RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                    .contentType(ContentType.URLENC).formParam("csrf", csrf).post(path)
                    .then().statusCode(303).extract().header("Location");
            assertTrue(location.contains("/realms/" + realm + "/broker/corp/test-sign-in?token="), location);
            // It mints a credential: not by a GET another site could make the browser send, not without the token.
            RestAssured.given().redirects().follow(false).cookie("federation_console", cookie).get(path)
                    .then().statusCode(405);
            RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                    .contentType(ContentType.URLENC).formParam("csrf", "forged").post(path).then().statusCode(403);

            String other = AdminApi.uniqueRealm("tsi-other");
            AdminApi.createRealm(other);
            String username = "tsi-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            AdminApi.createRealmAdmin(other, username, "pw-" + username);
            try (ConsoleBrowser outsider = new ConsoleBrowser(base.toString())) {
                outsider.signIn(username, "pw-" + username);
                HtmlPage own = outsider.open("/admin/console/realms/" + other);
                // A realm admin may not make us fetch from our own network (here: loopback, plain http).
                HtmlPage wizard = outsider.open("/admin/console/realms/" + other + "/identity-providers/new");
                HtmlForm form = ConsoleBrowser.form(wizard, "/new/saml");
                form.<HtmlInput>getInputByName("alias").setValue("inner");
                form.<HtmlInput>getInputByName("metadataUrl").setValue(idp.metadataUrl());
                HtmlPage refused = ConsoleBrowser.click(wizard, "create-saml");
                assertEquals(400, refused.getWebResponse().getStatusCode());
                assertTrue(refused.getHtmlElementById("error").getTextContent().contains("only use https URLs"));
                AdminApi.admin().get("/admin/realms/" + other + "/identity-provider/instances/inner").then().statusCode(404);
                RestAssured.given().redirects().follow(false)
                        .cookie("federation_console", outsider.sessionCookie().orElseThrow().getValue())
                        .contentType(ContentType.URLENC).formParam("csrf", ConsoleBrowser.csrf(own))
                        .post("/admin/console/realms/" + realm + "/identity-providers/corp/test-sign-in")
                        .then().statusCode(403);
            }
        }
    }

    @Test
    void formsWithoutTheCsrfTokenChangeNothing() {
        String realm = AdminApi.uniqueRealm("idpcsrf");
        AdminApi.createRealm(realm);
        try (LoopbackOp op = new LoopbackOp(); ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            RestAssured.given().redirects().follow(false)
                    .cookie("federation_console", browser.sessionCookie().orElseThrow().getValue())
                    .contentType(ContentType.URLENC)
                    .formParams(Map.of("alias", "x", "issuer", op.issuer(), "clientId", "a", "clientSecret", "b"))
                    .post("/admin/console/realms/" + realm + "/identity-providers/new/oidc").then().statusCode(403);
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/x").then().statusCode(404);
            // The wizard's own address cannot become an alias (its page could never be reached).
            String csrf = ConsoleBrowser.csrf(browser.open("/admin/console/realms/" + realm + "/identity-providers/new"));
            RestAssured.given().redirects().follow(false)
                    .cookie("federation_console", browser.sessionCookie().orElseThrow().getValue())
                    .contentType(ContentType.URLENC).formParams(Map.of("csrf", csrf, "clientId", "a",
                            "clientSecret", "b", "alias", "new", "issuer", op.issuer()))
                    .post("/admin/console/realms/" + realm + "/identity-providers/new/oidc").then().statusCode(400);
            AdminApi.admin().get("/admin/realms/" + realm + "/identity-provider/instances/new").then().statusCode(404);
        }
    }
}
