package cloud.federation.server.signon;

import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RP certification cases that need a live upstream (discovery, JWKS, userinfo): each runs the whole flow against
 * a misbehaving loopback OP and checks the suite gets {@code access_denied}, or the login succeeds where it should.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UpstreamRelyingPartyTest {

    LoopbackOp op;
    SignOnSetup setup;

    @BeforeEach
    void setUp() {
        // A fresh OP per test: discovery and JWKS caches are keyed by its (new) URL.
        op = new LoopbackOp();
        setup = SignOnSetup.create("rp", op.idpJson("upstream", null));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
    }

    @AfterEach
    void tearDown() {
        op.close();
    }

    private SuiteBrowser.Stop login() {
        SuiteBrowser.Stop stop = new SuiteBrowser().open(setup.authorizeUrl("state=st&login_hint="
                + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI);
        assertTrue(stop.atSuite(), () -> stop.page().statusCode() + " " + stop.page().body());
        return stop;
    }

    @Test
    void rpResponseTypeCode() {
        assertTrue(login().query().containsKey("code"));
    }

    @Test
    void rpUserinfoBadSubClaim() {
        // No email in the ID token, so we ask userinfo, which describes someone else.
        op.tweakClaims(c -> new com.nimbusds.jwt.JWTClaimsSet.Builder(c).claim("email", null).claim("email_verified", null).build())
                .userinfoSubject("someone-else");
        assertEquals("access_denied", login().query().get("error"));
    }

    @Test
    void userinfoFillsMissingEmailWhenItsSubMatches() {
        op.tweakClaims(c -> new com.nimbusds.jwt.JWTClaimsSet.Builder(c).claim("email", null).claim("email_verified", null).build());
        assertTrue(login().query().containsKey("code"));
    }

    @Test
    void rpDiscoveryIssuerNotMatchingConfig() {
        op.discoveryIssuer("https://impostor.invalid");
        SuiteBrowser.Stop stop = new SuiteBrowser().open(setup.authorizeUrl("login_hint=" + SuiteBrowser.enc(setup.user("alice"))),
                SignOnSetup.REDIRECT_URI);
        assertEquals(502, stop.page().statusCode(), "no redirect to an upstream whose discovery names another issuer");
    }

    @Test
    void rpKeyRotationOpSignKey() throws Exception {
        assertTrue(login().query().containsKey("code"));
        op.rotateKey();
        Thread.sleep(2_100); // past the JWKS refetch rate limit
        assertTrue(login().query().containsKey("code"), "a token signed with a new key triggers a JWKS refetch");
    }

    @Test
    void privateKeyJwtClientAuthenticationWithTheRealmsKey() {
        SignOnSetup keyed = SignOnSetup.create("pkjwt", op.idpJson("upstream", null)
                .replace("\"clientSecret\":\"" + LoopbackOp.CLIENT_SECRET + "\"", "\"clientAuthMethod\":\"private_key_jwt\""));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), keyed.user("alice"), true, "Alice"));
        String url = keyed.authorizeUrl("login_hint=" + SuiteBrowser.enc(keyed.user("alice")));
        assertEquals("access_denied", new SuiteBrowser().open(url, SignOnSetup.REDIRECT_URI).query().get("error"),
                "an OP that does not know our keys refuses the assertion");
        op.trustClientJwks(keyed.issuer() + "/protocol/openid-connect/certs");
        assertTrue(new SuiteBrowser().open(url, SignOnSetup.REDIRECT_URI).query().containsKey("code"));
    }

    @Test
    void rpIdTokenSigNoneEndToEnd() {
        op.signWith("none");
        assertEquals("access_denied", login().query().get("error"));
    }

    @Test
    void rpIdTokenBadSigEndToEnd() {
        op.signWith("rs256-unpublished");
        assertEquals("access_denied", login().query().get("error"));
    }

    @Test
    void rpNonceInvalidEndToEnd() {
        op.tweakClaims(c -> new com.nimbusds.jwt.JWTClaimsSet.Builder(c).claim("nonce", "replayed").build());
        assertEquals("access_denied", login().query().get("error"));
    }
}
