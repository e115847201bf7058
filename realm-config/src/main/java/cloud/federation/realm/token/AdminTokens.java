package cloud.federation.realm.token;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Issues and verifies the master realm's admin access and refresh tokens (signed JWTs). */
@ApplicationScoped
public class AdminTokens {

    public static final String MASTER = "master";
    public static final String ADMIN_CLI = "admin-cli";
    static final String MANAGED_REALM_CLAIM = "federation_managed_realm";
    private static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");
    private static final JOSEObjectType REFRESH = new JOSEObjectType("refresh+jwt");

    @Inject
    RealmKeys keys;

    @Inject
    FederationConfig config;

    public record Issued(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, String sessionId) {
    }

    public Issued issue(RealmEntity master, AdminUserEntity user, String issuer, String sessionId) {
        long accessTtl = config.token().adminAccessTokenLifespan().toSeconds();
        long refreshTtl = config.token().adminRefreshTokenLifespan().toSeconds();
        Instant now = Instant.now();
        JWTClaimsSet.Builder common = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.id)
                .issueTime(Date.from(now))
                .claim("azp", ADMIN_CLI)
                .claim("sid", sessionId)
                .claim("preferred_username", user.username);
        if (user.managedRealm != null) {
            common.claim(MANAGED_REALM_CLAIM, user.managedRealm);
        }
        JWTClaimsSet access = new JWTClaimsSet.Builder(common.build())
                .jwtID(UUID.randomUUID().toString())
                .audience(issuer)
                .expirationTime(Date.from(now.plusSeconds(accessTtl)))
                .claim("scope", "openid profile email")
                .build();
        JWTClaimsSet refresh = new JWTClaimsSet.Builder(common.build())
                .jwtID(UUID.randomUUID().toString())
                .audience(issuer)
                .expirationTime(Date.from(now.plusSeconds(refreshTtl)))
                .build();
        return new Issued(sign(master, access, ACCESS), accessTtl, sign(master, refresh, REFRESH), refreshTtl, sessionId);
    }

    /** Verifies signature (master keys, RS256 only), type, issuer, audience and expiry; returns the claims. */
    public JWTClaimsSet verifyAccess(RealmEntity master, String token, String issuer) throws InvalidTokenException {
        return verify(master, token, issuer, ACCESS);
    }

    public JWTClaimsSet verifyRefresh(RealmEntity master, String token, String issuer) throws InvalidTokenException {
        return verify(master, token, issuer, REFRESH);
    }

    private JWTClaimsSet verify(RealmEntity master, String token, String issuer, JOSEObjectType type)
            throws InvalidTokenException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(keys.publicKeys(master))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "sid")));
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    private String sign(RealmEntity master, JWTClaimsSet claims, JOSEObjectType type) {
        JWK key = keys.activeSigningKey(master, KeyMaterial.RS256)
                .orElseThrow(() -> new IllegalStateException("master realm has no active RS256 key"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.toRSAKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    public static String managedRealm(JWTClaimsSet claims) {
        return (String) claims.getClaim(MANAGED_REALM_CLAIM);
    }

    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
