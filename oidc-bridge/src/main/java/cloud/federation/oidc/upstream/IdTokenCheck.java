package cloud.federation.oidc.upstream;

import cloud.federation.realm.api.UpstreamLoginException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an upstream ID token (OIDC Core §3.1.3.7) as an ordered pipeline, each refusal with its own reason code:
 * form → algorithm allowlist → signature with the IdP's keys → iss → aud/azp → exp → iat → sub → nonce.
 */
public final class IdTokenCheck {

    /** Asymmetric algorithms only: no {@code none}, and no HS* (an IdP's public key must never become an HMAC key). */
    public static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    public static final Duration SKEW = Duration.ofSeconds(60);
    private static final String TENANT_PLACEHOLDER = "{tenantid}";
    private static final Pattern TENANT_ID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    private IdTokenCheck() {
    }

    public static JWTClaimsSet validate(String rawIdToken, String expectedIssuer, String clientId, String expectedNonce,
                                        JWKSource<SecurityContext> keys, Instant now) throws UpstreamLoginException {
        SignedJWT jwt = signed(rawIdToken);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALLOWED.contains(alg)) {
            throw refuse("id_token_algorithm_not_allowed", "ID token algorithm " + alg + " is not allowed");
        }
        verifySignature(jwt, alg, keys);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse("id_token_malformed", "ID token claims are not JSON");
        }
        checkIssuer(claims, expectedIssuer);
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw refuse("id_token_audience_mismatch", "ID token is not addressed to our client id");
        }
        Object azp = claims.getClaim("azp");
        if ((audience.size() > 1 && azp == null) || (azp != null && !clientId.equals(azp))) {
            throw refuse("id_token_azp_mismatch", "ID token's authorized party is not our client id");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
            throw refuse("id_token_expired", "ID token is expired");
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw refuse("id_token_missing_iat", "ID token has no iat");
        }
        if (iat.toInstant().isAfter(now.plus(SKEW))) {
            throw refuse("id_token_issued_in_future", "ID token was issued in the future");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw refuse("id_token_missing_sub", "ID token has no sub");
        }
        Object nonce = claims.getClaim("nonce");
        if (expectedNonce != null && !expectedNonce.equals(nonce)) {
            throw refuse("id_token_nonce_mismatch", "ID token nonce does not match the request");
        }
        return claims;
    }

    private static SignedJWT signed(String raw) throws UpstreamLoginException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(raw);
        } catch (ParseException e) {
            throw refuse("id_token_malformed", "ID token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw refuse("id_token_unsigned", "Unsigned (alg none) ID tokens are never accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw refuse("id_token_encrypted", "Encrypted ID tokens are not supported");
        }
        return (SignedJWT) jwt;
    }

    private static void verifySignature(SignedJWT jwt, JWSAlgorithm alg, JWKSource<SecurityContext> keys)
            throws UpstreamLoginException {
        List<? extends Key> candidates;
        try {
            candidates = new JWSVerificationKeySelector<>(alg, keys).selectJWSKeys(jwt.getHeader(), null);
        } catch (KeySourceException e) {
            throw refuse("jwks_unavailable", "The identity provider's keys could not be fetched");
        }
        if (candidates.isEmpty()) {
            throw refuse("id_token_no_matching_key", "No key of the identity provider matches the ID token");
        }
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (Key key : candidates) {
            try {
                JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // wrong key type for this algorithm: try the next candidate
            }
        }
        throw refuse("id_token_invalid_signature", "ID token signature does not verify");
    }

    private static void checkIssuer(JWTClaimsSet claims, String expectedIssuer) throws UpstreamLoginException {
        String expected = expectedIssuer;
        if (expectedIssuer.contains(TENANT_PLACEHOLDER)) {
            // Multi-tenant Entra ID: the issuer names the user's tenant, which must be the token's own tid.
            Object tid = claims.getClaim("tid");
            if (!(tid instanceof String tenant) || !TENANT_ID.matcher(tenant).matches()) {
                throw refuse("id_token_issuer_mismatch", "Multi-tenant ID token without a valid tid");
            }
            expected = expectedIssuer.replace(TENANT_PLACEHOLDER, tenant);
        }
        if (!expected.equals(claims.getIssuer())) {
            throw refuse("id_token_issuer_mismatch", "ID token issuer is not the configured issuer");
        }
    }

    private static UpstreamLoginException refuse(String reason, String message) {
        return new UpstreamLoginException(reason, message);
    }
}
