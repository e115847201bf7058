package cloud.federation.server.support;

import io.restassured.RestAssured;

import java.util.UUID;

/** A realm wired for sign-on through the admin API: verified domain, an identity provider, a suite client. */
public final class SignOnSetup {

    public static final String REDIRECT_URI = "https://suite.invalid/oidc/callback";
    public static final String POST_LOGOUT_URI = "https://suite.invalid/signed-out";

    public final String realm;
    public final String domain;
    public final String clientId = "suite-a";
    public final String clientSecret;
    public final String base;

    private SignOnSetup(String realm, String domain, String clientSecret) {
        this.realm = realm;
        this.domain = domain;
        this.clientSecret = clientSecret;
        this.base = RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** A realm with one verified domain, the given identity provider JSON, and a confidential suite. */
    public static SignOnSetup create(String prefix, String idpJson) {
        String realm = AdminApi.uniqueRealm(prefix);
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AdminApi.createRealm(realm);
        AdminApi.admin().body("{\"name\":\"" + domain + "\",\"verified\":true}").post("/admin/realms/" + realm + "/domains")
                .then().statusCode(201);
        if (idpJson != null) {
            AdminApi.admin().body(idpJson).post("/admin/realms/" + realm + "/identity-provider/instances").then().statusCode(201);
        }
        String location = AdminApi.admin().body("{\"clientId\":\"suite-a\",\"redirectUris\":[\"" + REDIRECT_URI + "\"],"
                        + "\"attributes\":{\"post.logout.redirect.uris\":\"" + POST_LOGOUT_URI + "\"}}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201).extract().header("Location");
        String secret = AdminApi.admin().post(location.substring(location.indexOf("/admin/")) + "/client-secret")
                .then().statusCode(200).extract().path("value");
        return new SignOnSetup(realm, domain, secret);
    }

    public String issuer() {
        return base + "/realms/" + realm;
    }

    public String authorizeUrl(String query) {
        return issuer() + "/protocol/openid-connect/auth?client_id=suite-a&response_type=code&scope=openid%20email%20profile"
                + "&redirect_uri=" + SuiteBrowser.enc(REDIRECT_URI) + (query.isEmpty() ? "" : "&" + query);
    }

    public String user(String local) {
        return local + "@" + domain;
    }
}
