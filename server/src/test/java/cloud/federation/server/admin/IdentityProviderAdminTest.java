package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.DocumentServer;
import cloud.federation.server.support.Fixtures;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class IdentityProviderAdminTest {

    private static final String KEYCLOAK_ORIGIN = "http://127.0.0.1:18080";
    private String realm;
    private String base;

    @BeforeEach
    void realm() {
        realm = AdminApi.uniqueRealm("idp");
        AdminApi.createRealm(realm);
        base = "/admin/realms/" + realm + "/identity-provider";
    }

    private static final String SAML_IDP = "{\"alias\":\"entra\",\"providerId\":\"saml\",\"displayName\":\"Entra ID\","
            + "\"config\":{\"singleSignOnServiceUrl\":\"https://login.example/saml2\",\"guiOrder\":\"2\","
            + "\"home.idp.discovery.domains\":\"Contoso.COM##bücher.example\"}}";

    @Test
    void crudWithKeycloakShapes() {
        AdminApi.admin().body(SAML_IDP).post(base + "/instances").then().statusCode(201)
                .header("Location", endsWith(base + "/instances/entra"));
        AdminApi.admin().get(base + "/instances/entra").then().statusCode(200)
                .body("alias", equalTo("entra")).body("providerId", equalTo("saml"))
                .body("displayName", equalTo("Entra ID")).body("enabled", equalTo(true))
                .body("config.singleSignOnServiceUrl", equalTo("https://login.example/saml2"))
                .body("config.'home.idp.discovery.domains'", equalTo("contoso.com##xn--bcher-kva.example"));
        AdminApi.admin().get(base + "/instances").then().statusCode(200).body("alias", equalTo(java.util.List.of("entra")));

        AdminApi.admin().body("{\"alias\":\"entra\",\"providerId\":\"saml\",\"enabled\":false,"
                        + "\"config\":{\"singleSignOnServiceUrl\":\"https://login.example/v2\"}}")
                .put(base + "/instances/entra").then().statusCode(204);
        AdminApi.admin().get(base + "/instances/entra").then().body("enabled", equalTo(false))
                .body("config.singleSignOnServiceUrl", equalTo("https://login.example/v2"));

        AdminApi.admin().delete(base + "/instances/entra").then().statusCode(204);
        AdminApi.admin().get(base + "/instances/entra").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void allowingSha1IsFlaggedAndTheFlagIsNeverStored() {
        post("{\"alias\":\"legacy\",\"providerId\":\"saml\",\"config\":{\"singleSignOnServiceUrl\":\"https://adfs.example/ls\","
                + "\"allowSha1\":\"true\",\"federation.warnings\":\"forged\"}}").then().statusCode(201);
        AdminApi.admin().get(base + "/instances/legacy").then().statusCode(200)
                .body("config.'federation.warnings'", org.hamcrest.Matchers.containsString("SHA-1 signatures are accepted"));
        AdminApi.admin().body(SAML_IDP).post(base + "/instances").then().statusCode(201);
        AdminApi.admin().get(base + "/instances/entra").then()
                .body("config.'federation.warnings'", org.hamcrest.Matchers.containsString("No signing certificate"));
    }

    @Test
    void duplicateAliasIs409() {
        AdminApi.admin().body(SAML_IDP).post(base + "/instances").then().statusCode(201);
        AdminApi.admin().body(SAML_IDP).post(base + "/instances").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("'entra' already exists"));
    }

    @Test
    void invalidRepresentationsAre400NamingTheField() {
        post("{\"providerId\":\"saml\"}").then().statusCode(400).body("detail", startsWith("alias:"));
        post("{\"alias\":\"a\",\"providerId\":\"ldap\"}").then().statusCode(400).body("detail", startsWith("providerId:"));
        post("{\"alias\":\"a\",\"providerId\":\"saml\",\"config\":{}}").then().statusCode(400)
                .body("detail", startsWith("config.singleSignOnServiceUrl:"));
        post("{\"alias\":\"a\",\"providerId\":\"saml\",\"config\":{\"singleSignOnServiceUrl\":\"javascript:alert(1)\"}}")
                .then().statusCode(400).body("detail", startsWith("config.singleSignOnServiceUrl:"));
        post("{\"alias\":\"a\",\"providerId\":\"oidc\",\"config\":{\"authorizationUrl\":\"https://x/a\",\"tokenUrl\":\"https://x/t\"}}")
                .then().statusCode(400).body("detail", startsWith("config.clientId:"));
        post("{\"alias\":\"a\",\"providerId\":\"saml\",\"config\":{\"singleSignOnServiceUrl\":\"https://x\","
                + "\"home.idp.discovery.domains\":\"not a domain\"}}")
                .then().statusCode(400).body("detail", startsWith("config.home.idp.discovery.domains:"));
        post("{\"alias\":\"a\",\"providerId\":\"saml\",\"config\":{\"singleSignOnServiceUrl\":\"https://x\",\"guiOrder\":\"first\"}}")
                .then().statusCode(400).body("detail", startsWith("config.guiOrder:"));
    }

    @Test
    void upstreamClientSecretIsMaskedAndKeptWhenTheMaskIsSentBack() {
        post("{\"alias\":\"okta\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"fed\",\"clientSecret\":\"s3cr3t\","
                + "\"authorizationUrl\":\"https://okta.example/a\",\"tokenUrl\":\"https://okta.example/t\"}}")
                .then().statusCode(201);
        Map<String, Object> rep = AdminApi.admin().get(base + "/instances/okta").then()
                .body("config.clientSecret", equalTo("**********")).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) rep.get("config");
        config.put("clientId", "fed-2");
        AdminApi.admin().body(rep).put(base + "/instances/okta").then().statusCode(204);
        AdminApi.admin().get(base + "/instances/okta").then().body("config.clientId", equalTo("fed-2"))
                .body("config.clientSecret", equalTo("**********"));
    }

    @Test
    void mappersAttachToTheirProvider() {
        AdminApi.admin().body(SAML_IDP).post(base + "/instances").then().statusCode(201);
        String mapper = "{\"name\":\"email\",\"identityProviderAlias\":\"entra\","
                + "\"identityProviderMapper\":\"saml-user-attribute-idp-mapper\",\"config\":{\"attribute.name\":\"mail\","
                + "\"user.attribute\":\"email\"}}";
        String location = AdminApi.admin().body(mapper).post(base + "/instances/entra/mappers").then().statusCode(201)
                .extract().header("Location");
        AdminApi.admin().get(base + "/instances/entra/mappers").then().statusCode(200).body("$", hasSize(1))
                .body("[0].config.'attribute.name'", equalTo("mail"));
        AdminApi.admin().body(mapper).post(base + "/instances/entra/mappers").then().statusCode(409);
        AdminApi.admin().body(mapper.replace("\"entra\"", "\"other\"")).post(base + "/instances/entra/mappers")
                .then().statusCode(400).body("detail", startsWith("identityProviderAlias:"));
        AdminApi.admin().body(mapper).post(base + "/instances/nope/mappers").then().statusCode(404);
        String id = location.substring(location.lastIndexOf('/') + 1);
        AdminApi.admin().delete(base + "/instances/entra/mappers/" + id).then().statusCode(204);
    }

    // ---- import-config -------------------------------------------------------------------------------------

    private RequestSpecification multipart(String providerId, String fileName, byte[] content) {
        return RestAssured.given().auth().oauth2(AdminApi.token())
                .multiPart("providerId", providerId)
                .multiPart("file", fileName, content, "application/xml");
    }

    @Test
    void importsKeycloakSamlMetadataFromAFile() {
        byte[] xml = Fixtures.read("contoso-saml-idp-metadata.xml").getBytes(StandardCharsets.UTF_8);
        multipart("saml", "metadata.xml", xml).post(base + "/import-config").then().statusCode(200)
                .body("idpEntityId", equalTo(KEYCLOAK_ORIGIN + "/realms/contoso"))
                .body("singleSignOnServiceUrl", equalTo(KEYCLOAK_ORIGIN + "/realms/contoso/protocol/saml"))
                .body("wantAuthnRequestsSigned", equalTo("true"))
                .body("validateSignature", equalTo("true"))
                .body("signingCertificate", startsWith("MIIC"))
                .body("nameIDPolicyFormat", startsWith("urn:oasis:names:tc:SAML:"));
    }

    @Test
    void importsSamlMetadataFromAUrl() {
        try (DocumentServer server = new DocumentServer()
                .serve("/metadata", "application/samlmetadata+xml", Fixtures.read("contoso-saml-idp-metadata.xml"))) {
            post(base + "/import-config", "{\"providerId\":\"saml\",\"fromUrl\":\"" + server.url("/metadata") + "\"}")
                    .then().statusCode(200).body("idpEntityId", equalTo(KEYCLOAK_ORIGIN + "/realms/contoso"));
        }
    }

    @Test
    void importsOidcDiscoveryFromAUrlAndChecksTheIssuer() {
        String discovery = Fixtures.read("contoso-openid-configuration.json");
        try (DocumentServer server = new DocumentServer()) {
            server.serve("/realms/contoso/.well-known/openid-configuration", "application/json",
                    discovery.replace(KEYCLOAK_ORIGIN, "{base}"));
            String url = server.url("/realms/contoso/.well-known/openid-configuration");
            post(base + "/import-config", "{\"providerId\":\"oidc\",\"fromUrl\":\"" + url + "\"}")
                    .then().statusCode(200)
                    .body("issuer", equalTo(server.url("/realms/contoso")))
                    .body("authorizationUrl", equalTo(server.url("/realms/contoso/protocol/openid-connect/auth")))
                    .body("tokenUrl", equalTo(server.url("/realms/contoso/protocol/openid-connect/token")))
                    .body("jwksUrl", equalTo(server.url("/realms/contoso/protocol/openid-connect/certs")))
                    .body("useJwksUrl", equalTo("true"));

            // The same document served under another issuer's URL is refused (OIDC Discovery §4.3).
            server.serve("/evil/.well-known/openid-configuration", "application/json",
                    discovery.replace(KEYCLOAK_ORIGIN, "{base}"));
            post(base + "/import-config", "{\"providerId\":\"oidc\",\"fromUrl\":\""
                    + server.url("/evil/.well-known/openid-configuration") + "\"}")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("Issuer mismatch"));
        }
    }

    @Test
    void refusesMetadataWithADoctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + Fixtures.read("contoso-saml-idp-metadata.xml");
        multipart("saml", "m.xml", xml.getBytes(StandardCharsets.UTF_8)).post(base + "/import-config").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("DOCTYPE"));
    }

    @Test
    void refusesInvalidXml() {
        multipart("saml", "m.xml", "<md:EntityDescriptor xmlns:md=".getBytes(StandardCharsets.UTF_8))
                .post(base + "/import-config").then().statusCode(400)
                .body("detail", startsWith("Metadata is not well-formed XML"));
    }

    @Test
    void refusesMetadataWithoutAnIdpDescriptor() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://sp/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
        multipart("saml", "sp.xml", sp.getBytes(StandardCharsets.UTF_8)).post(base + "/import-config").then()
                .statusCode(400).body("detail", containsString("IDPSSODescriptor"));
    }

    @Test
    void refusesAnUnreachableUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        post(base + "/import-config", "{\"providerId\":\"saml\",\"fromUrl\":\"http://127.0.0.1:" + closedPort + "/md\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Cannot connect"));
        post(base + "/import-config", "{\"providerId\":\"saml\",\"fromUrl\":\"file:///etc/passwd\"}")
                .then().statusCode(400).body("detail", containsString("not an absolute http(s) URL"));
        post(base + "/import-config", "{\"providerId\":\"saml\"}").then().statusCode(400)
                .body("detail", startsWith("fromUrl:"));
    }

    @Test
    void refusesANotFoundDocument() {
        try (DocumentServer server = new DocumentServer()) {
            post(base + "/import-config", "{\"providerId\":\"saml\",\"fromUrl\":\"" + server.url("/missing") + "\"}")
                    .then().statusCode(400).body("detail", containsString("HTTP 404"));
        }
    }

    private io.restassured.response.Response post(String body) {
        return post(base + "/instances", body);
    }

    @Test
    void realmAdminsPointServerFetchedEndpointsOnlyAtPublicHttpsHosts() {
        String mine = AdminApi.uniqueRealm("ssrf");
        AdminApi.createRealm(mine);
        String username = "ssrf-" + mine;
        AdminApi.createRealmAdmin(mine, username, "ssrf-password-1");
        String token = AdminApi.token(username, "ssrf-password-1");
        String path = "/admin/realms/" + mine + "/identity-provider/instances";
        AdminApi.as(token).body("{\"alias\":\"inner\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"c\","
                        + "\"clientSecret\":\"s\",\"authorizationUrl\":\"https://idp.example/auth\","
                        + "\"tokenUrl\":\"http://169.254.169.254/latest/meta-data\"}}")
                .post(path).then().statusCode(400).body("detail", containsString("config.tokenUrl"));
        AdminApi.as(token).body("{\"alias\":\"inner\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"c\","
                        + "\"clientSecret\":\"s\",\"issuer\":\"https://127.0.0.1:8443/realms/x\"}}")
                .post(path).then().statusCode(400).body("detail", containsString("not a public address"));
        AdminApi.admin().get(path + "/inner").then().statusCode(404);
        // Where only the user's browser goes, loopback is the realm admin's own business.
        AdminApi.as(token).body("{\"alias\":\"browser-only\",\"providerId\":\"saml\",\"config\":{"
                        + "\"singleSignOnServiceUrl\":\"http://127.0.0.1:1/sso\"}}")
                .post(path).then().statusCode(201);
        // Operators configure what they like.
        AdminApi.admin().body("{\"alias\":\"operator\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"c\","
                        + "\"clientSecret\":\"operator-secret\",\"authorizationUrl\":\"http://127.0.0.1:1/auth\","
                        + "\"tokenUrl\":\"http://127.0.0.1:1/token\"}}")
                .post(path).then().statusCode(201);
    }

    @Test
    void changingEndpointsNeedsTheSecretAgainNotItsMask() {
        String realm = AdminApi.uniqueRealm("mask");
        AdminApi.createRealm(realm);
        String path = "/admin/realms/" + realm + "/identity-provider/instances";
        AdminApi.admin().body("{\"alias\":\"okta\",\"providerId\":\"oidc\",\"config\":{\"clientId\":\"c\","
                        + "\"clientSecret\":\"kept-secret\",\"authorizationUrl\":\"https://okta.example/auth\","
                        + "\"tokenUrl\":\"https://okta.example/token\"}}")
                .post(path).then().statusCode(201);
        Map<String, Object> rep = AdminApi.admin().get(path + "/okta").then().statusCode(200).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) rep.get("config");
        config.put("tokenUrl", "https://collector.example/token");
        AdminApi.admin().body(rep).put(path + "/okta").then().statusCode(400)
                .body("detail", containsString("enter the client secret again"));
        config.put("tokenUrl", "https://okta.example/token");
        config.put("defaultScope", "openid email");
        AdminApi.admin().body(rep).put(path + "/okta").then().statusCode(204);
    }

    private static io.restassured.response.Response post(String path, String body) {
        return AdminApi.admin().body(body).post(path);
    }
}
