package cloud.federation.server.admin;

import cloud.federation.realm.idp.SamlMetadataRefresh;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.DocumentServer;
import cloud.federation.server.support.Fixtures;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SamlMetadataRefreshTest {

    @Inject
    SamlMetadataRefresh refresh;

    @Test
    void refreshedMetadataReplacesTheMetadataKeysAndAFailureKeepsTheLastGoodCopy() {
        String realm = AdminApi.uniqueRealm("mdrefresh");
        AdminApi.createRealm(realm);
        try (DocumentServer good = new DocumentServer()
                .serve("/md", "application/samlmetadata+xml", Fixtures.read("contoso-saml-idp-metadata.xml"))
                .serve("/broken", "application/xml", "<html>maintenance</html>")) {
            String idps = "/admin/realms/" + realm + "/identity-provider/instances";
            AdminApi.admin().body("{\"alias\":\"rolling\",\"providerId\":\"saml\",\"config\":{"
                    + "\"singleSignOnServiceUrl\":\"https://old.example/sso\",\"postBindingAuthnRequest\":\"false\","
                    + "\"useMetadataDescriptorUrl\":\"true\",\"metadataDescriptorUrl\":\"" + good.url("/md") + "\"}}")
                    .post(idps).then().statusCode(201);
            AdminApi.admin().body("{\"alias\":\"flaky\",\"providerId\":\"saml\",\"config\":{"
                    + "\"singleSignOnServiceUrl\":\"https://kept.example/sso\","
                    + "\"useMetadataDescriptorUrl\":\"true\",\"metadataDescriptorUrl\":\"" + good.url("/broken") + "\"}}")
                    .post(idps).then().statusCode(201);

            refresh.refreshAll();

            AdminApi.admin().get(idps + "/rolling").then().statusCode(200)
                    .body("config.singleSignOnServiceUrl", equalTo("http://127.0.0.1:18080/realms/contoso/protocol/saml"))
                    .body("config.signingCertificate", startsWith("MIIC"))
                    .body("config.postBindingAuthnRequest", equalTo("false"))
                    .body("config.metadataRefreshedAt", notNullValue())
                    .body("config.metadataRefreshError", nullValue());
            AdminApi.admin().get(idps + "/flaky").then().statusCode(200)
                    .body("config.singleSignOnServiceUrl", equalTo("https://kept.example/sso"))
                    .body("config.metadataRefreshError", notNullValue());
        }
    }
}
