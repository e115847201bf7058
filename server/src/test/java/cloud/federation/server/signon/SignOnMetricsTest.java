package cloud.federation.server.signon;

import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.Prometheus;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-on in {@code /q/metrics}: whole logins through loopback identity providers, then the scrape. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SignOnMetricsTest {

    static final String LOGINS = "federation_logins_total";
    static final String REFUSALS = "federation_login_refusals_total";
    static final String TOKEN_COUNT = "federation_token_requests_seconds_count";
    static final String TOKEN_SUM = "federation_token_requests_seconds_sum";

    static SuiteBrowser.Stop login(SignOnSetup setup) {
        return new SuiteBrowser().open(setup.authorizeUrl("state=s&login_hint=" + SuiteBrowser.enc(setup.user("alice"))),
                SignOnSetup.REDIRECT_URI);
    }

    static Response redeem(SignOnSetup setup, String code) {
        return RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC).formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token");
    }

    @Test
    void oidcLoginsByOutcomeRefusalsByReasonAndTokenRequestsByGrantAndOutcome() {
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("mt", op.idpJson("upstream", null));
            op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
            String realm = setup.realm;

            String code = login(setup).query().get("code");
            redeem(setup, code).then().statusCode(200);
            redeem(setup, code).then().statusCode(400); // replayed
            op.tweakClaims(c -> new JWTClaimsSet.Builder(c).claim("nonce", "replayed").build());
            assertEquals("access_denied", login(setup).query().get("error"));

            Prometheus p = Prometheus.scrape();
            assertEquals(1, p.sum(LOGINS, "realm", realm, "idp", "upstream", "protocol", "oidc", "outcome", "success"));
            assertEquals(1, p.sum(LOGINS, "realm", realm, "idp", "upstream", "protocol", "oidc", "outcome", "refused"));
            assertEquals(0, p.sum(LOGINS, "realm", realm, "outcome", "error"));
            assertEquals(1, p.sum(REFUSALS, "realm", realm, "reason", "id_token_nonce_mismatch"));
            assertEquals(1, p.sum(REFUSALS, "realm", realm), "one refusal in all");
            assertEquals(1, p.sum(TOKEN_COUNT, "realm", realm, "grant_type", "authorization_code", "outcome", "success"));
            assertEquals(1, p.sum(TOKEN_COUNT, "realm", realm, "grant_type", "authorization_code", "outcome", "invalid_grant"));
            assertTrue(p.sum(TOKEN_SUM, "realm", realm) > 0, "token request durations are recorded");
            for (Prometheus.Sample s : p.samples()) {
                s.labels().values().forEach(v -> assertFalse(v.contains(setup.domain) || v.contains(code),
                        "no email, domain or code in a label: " + s));
            }
        }
    }

    @Test
    void anUpstreamThatCannotBeUsedCountsAsAnError() {
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("mte", op.idpJson("upstream", null));
            op.discoveryIssuer("https://impostor.invalid");
            assertEquals(502, login(setup).page().statusCode());
            Prometheus p = Prometheus.scrape();
            assertEquals(1, p.sum(LOGINS, "realm", setup.realm, "idp", "upstream", "protocol", "oidc", "outcome", "error"));
            assertEquals(1, p.sum(REFUSALS, "realm", setup.realm, "reason", "discovery_issuer_mismatch"));
        }
    }

    @Test
    void samlLoginsAndTheValidatorsRefusalReasons() throws Exception {
        SamlAttackEndToEndTest.Started ok = SamlAttackEndToEndTest.start();
        assertTrue(SamlAttackEndToEndTest.post(ok, SamlAttackEndToEndTest.valid(ok).encoded()).query().containsKey("code"));
        String realm = ok.setup().realm;
        Prometheus p = Prometheus.scrape();
        assertEquals(1, p.sum(LOGINS, "realm", realm, "idp", "corp", "protocol", "saml", "outcome", "success"));

        SamlAttackEndToEndTest.Started forged = SamlAttackEndToEndTest.start();
        String unsigned = SamlAttackEndToEndTest.valid(forged).with(f -> f.signAssertion = false).encoded();
        assertEquals("access_denied", SamlAttackEndToEndTest.post(forged, unsigned).query().get("error"));
        p = Prometheus.scrape();
        String other = forged.setup().realm;
        assertEquals(1, p.sum(LOGINS, "realm", other, "idp", "corp", "protocol", "saml", "outcome", "refused"));
        assertEquals(1, p.sum(REFUSALS, "realm", other, "reason", "saml_not_signed"));
    }
}
