package cloud.federation.oidc.upstream;

import cloud.federation.realm.api.UpstreamLoginException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The OpenID Foundation's RP certification ID-token cases, against our validation pipeline. */
class IdTokenCheckTest {

    static final String ISSUER = "https://op.example";
    static final String CLIENT = "federation";
    static final String NONCE = "n-123";
    static RSAKey rsa;
    static RSAKey rsa2;
    static ECKey ec;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        rsa2 = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1").audience(CLIENT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", NONCE);
    }

    static String rs256(JWTClaimsSet claims, RSAKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static JWTClaimsSet validate(String token, JWK... published) throws UpstreamLoginException {
        return IdTokenCheck.validate(token, ISSUER, CLIENT, NONCE, new ImmutableJWKSet<>(new JWKSet(List.of(published))),
                Instant.now());
    }

    static String reason(String token, JWK... published) {
        return assertThrows(UpstreamLoginException.class, () -> validate(token, published)).reason();
    }

    @Test
    void acceptsAValidRs256Token() throws Exception {
        assertEquals("user-1", validate(rs256(claims().build(), rsa, "rsa-1"), rsa.toPublicJWK()).getSubject());
    }

    @Test
    void acceptsAValidEs256Token() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
        jwt.sign(new ECDSASigner(ec));
        validate(jwt.serialize(), ec.toPublicJWK());
    }

    @Test
    void rpIdTokenIssuerMismatch() throws Exception {
        assertEquals("id_token_issuer_mismatch",
                reason(rs256(claims().issuer("https://evil.example").build(), rsa, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void rpIdTokenSub() throws Exception {
        assertEquals("id_token_missing_sub", reason(rs256(claims().subject(null).build(), rsa, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void rpIdTokenAud() throws Exception {
        assertEquals("id_token_audience_mismatch",
                reason(rs256(claims().audience("someone-else").build(), rsa, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void wrongAzpWithSeveralAudiences() throws Exception {
        assertEquals("id_token_azp_mismatch", reason(rs256(claims().audience(List.of(CLIENT, "other"))
                .claim("azp", "other").build(), rsa, "rsa-1"), rsa.toPublicJWK()));
        assertEquals("id_token_azp_mismatch", reason(rs256(claims().audience(List.of(CLIENT, "other")).build(),
                rsa, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void rpIdTokenIat() throws Exception {
        assertEquals("id_token_missing_iat", reason(rs256(claims().issueTime(null).build(), rsa, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void expiredTokenBeyondTheSkewIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String token = rs256(claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build(),
                rsa, "rsa-1");
        assertEquals("id_token_expired", reason(token, rsa.toPublicJWK()));
        // Within the 60 s skew it is still fine.
        Instant recent = Instant.now().minusSeconds(330);
        validate(rs256(claims().issueTime(Date.from(recent)).expirationTime(Date.from(recent.plusSeconds(300))).build(),
                rsa, "rsa-1"), rsa.toPublicJWK());
    }

    @Test
    void rpIdTokenKidAbsentSingleJwks() throws Exception {
        validate(rs256(claims().build(), rsa, null), rsa.toPublicJWK());
    }

    @Test
    void rpIdTokenKidAbsentMultipleJwks() throws Exception {
        // Every published RSA key is a candidate; the one that verifies wins.
        validate(rs256(claims().build(), rsa, null), rsa2.toPublicJWK(), rsa.toPublicJWK());
    }

    @Test
    void rpIdTokenBadSigRs256() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertEquals("id_token_invalid_signature", reason(rs256(claims().build(), impostor, "rsa-1"), rsa.toPublicJWK()));
    }

    @Test
    void rpIdTokenBadSigEs256() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
        jwt.sign(new ECDSASigner(impostor));
        assertEquals("id_token_invalid_signature", reason(jwt.serialize(), ec.toPublicJWK()));
    }

    @Test
    void rpIdTokenSigNoneIsNeverAccepted() {
        assertEquals("id_token_unsigned", reason(new PlainJWT(claims().build()).serialize(), rsa.toPublicJWK()));
    }

    @Test
    void hmacWithThePublicKeyIsRefused() throws Exception {
        // The classic key-confusion attack: HS256 keyed with the IdP's public key bytes.
        byte[] secret = rsa.toPublicJWK().toJSONString().getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, 64)));
        assertEquals("id_token_algorithm_not_allowed", reason(jwt.serialize(), rsa.toPublicJWK()));
    }

    @Test
    void rpNonceInvalid() throws Exception {
        assertEquals("id_token_nonce_mismatch", reason(rs256(claims().claim("nonce", "other").build(), rsa, "rsa-1"),
                rsa.toPublicJWK()));
        assertEquals("id_token_nonce_mismatch", reason(rs256(claims().claim("nonce", null).build(), rsa, "rsa-1"),
                rsa.toPublicJWK()));
    }

    @Test
    void unknownKidIsRefused() throws Exception {
        assertEquals("id_token_no_matching_key", reason(rs256(claims().build(), rsa, "rsa-unknown"), rsa.toPublicJWK()));
    }

    @Test
    void multiTenantIssuerMustNameTheTokensOwnTenant() throws Exception {
        String template = "https://login.microsoftonline.com/{tenantid}/v2.0";
        String tenant = "6f0b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
        String good = rs256(claims().issuer("https://login.microsoftonline.com/" + tenant + "/v2.0").claim("tid", tenant)
                .build(), rsa, "rsa-1");
        IdTokenCheck.validate(good, template, CLIENT, NONCE, new ImmutableJWKSet<>(new JWKSet(rsa.toPublicJWK())), Instant.now());
        String mismatched = rs256(claims().issuer("https://login.microsoftonline.com/" + tenant + "/v2.0")
                .claim("tid", "00000000-0000-0000-0000-000000000000").build(), rsa, "rsa-1");
        assertEquals("id_token_issuer_mismatch", assertThrows(UpstreamLoginException.class, () -> IdTokenCheck.validate(
                mismatched, template, CLIENT, NONCE, new ImmutableJWKSet<>(new JWKSet(rsa.toPublicJWK())), Instant.now())).reason());
    }
}
