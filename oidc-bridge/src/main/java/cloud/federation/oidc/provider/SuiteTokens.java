package cloud.federation.oidc.provider;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.login.FederatedUserEntity;
import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
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
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** ID, access and refresh tokens for suites, signed with the realm's active key. */
@ApplicationScoped
public class SuiteTokens {

    /** Keycloak's client attribute for the ID token algorithm; we honour RS256 (default) and ES256. */
    public static final String ID_TOKEN_ALG_ATTRIBUTE = "id.token.signed.response.alg";
    static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");
    static final JOSEObjectType REFRESH = new JOSEObjectType("refresh+jwt");

    @Inject
    RealmKeys keys;
    @Inject
    FederationConfig config;

    public record Issued(String idToken, String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
    }

    public Issued issue(RealmEntity realm, ClientEntity client, LoginSessionEntity session, String nonce, String scope,
                        String issuer) {
        Instant now = Instant.now();
        long ttl = config.login().accessTokenLifespan().toSeconds();
        FederatedUserEntity user = session.user;
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(user.id).audience(client.clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", client.clientId)
                .claim("sid", session.id);
        if (nonce != null) {
            id.claim("nonce", nonce);
        }
        userClaims(session).getClaims().forEach(id::claim);
        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(user.id).audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.clientId).claim("azp", client.clientId)
                .claim("scope", scope).claim("sid", session.id)
                .build();
        long refreshTtl = Math.max(0, session.expiresAt.getEpochSecond() - now.getEpochSecond());
        JWTClaimsSet refresh = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(user.id).audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(session.expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.clientId).claim("scope", scope).claim("sid", session.id)
                .build();
        String idAlg = KeyMaterial.ES256.equals(client.attributes.get(ID_TOKEN_ALG_ATTRIBUTE)) ? KeyMaterial.ES256
                : KeyMaterial.RS256;
        return new Issued(sign(realm, id.build(), JOSEObjectType.JWT, idAlg),
                sign(realm, access, ACCESS, KeyMaterial.RS256), ttl,
                sign(realm, refresh, REFRESH, KeyMaterial.RS256), refreshTtl);
    }

    /**
     * The ID token's claims about the user and how they signed in (everything but the token's own iss, aud, times,
     * ids and nonce). An admin's test sign-in shows exactly these, from a session it never stores.
     */
    public static JWTClaimsSet userClaims(LoginSessionEntity session) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(profile(session.user))
                .claim("auth_time", session.authTime.getEpochSecond())
                .claim("idp", session.idpAlias);
        if (session.amr != null) {
            b.claim("amr", Arrays.asList(session.amr.split(" ")));
        }
        if (session.acr != null) {
            b.claim("acr", session.acr);
        }
        return b.build();
    }

    /** Standard profile claims of a user, shared by the ID token and userinfo. */
    public static JWTClaimsSet profile(FederatedUserEntity user) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(user.id);
        if (user.email != null) {
            b.claim("email", user.email).claim("email_verified", user.emailVerified);
        }
        putIfPresent(b, "name", user.name);
        putIfPresent(b, "given_name", user.givenName);
        putIfPresent(b, "family_name", user.familyName);
        putIfPresent(b, "preferred_username", user.preferredUsername);
        return b.build();
    }

    private static void putIfPresent(JWTClaimsSet.Builder b, String claim, String value) {
        if (value != null && !value.isBlank()) {
            b.claim(claim, value);
        }
    }

    /** Verifies one of our own access or refresh tokens for this realm (signature, type, issuer, expiry). */
    public JWTClaimsSet verify(RealmEntity realm, String token, String issuer, JOSEObjectType type)
            throws InvalidTokenException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(keys.publicKeys(realm))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(issuer,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "sid", "client_id")));
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException();
        }
    }

    /** Parses an ID token we issued, checking only our signature (RP-initiated logout accepts expired hints). */
    public JWTClaimsSet verifySignatureOnly(RealmEntity realm, String token) throws InvalidTokenException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = keys.publicKeys(realm).getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new InvalidTokenException();
            }
            boolean valid = switch (jwt.getHeader().getAlgorithm().getName()) {
                case "RS256" -> jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()));
                case "ES256" -> jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toECKey()));
                default -> false;
            };
            if (!valid) {
                throw new InvalidTokenException();
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new InvalidTokenException();
        }
    }

    private String sign(RealmEntity realm, JWTClaimsSet claims, JOSEObjectType type, String algorithm) {
        JWK key = keys.activeSigningKey(realm, algorithm)
                .orElseThrow(() -> new IllegalStateException("realm " + realm.name + " has no active " + algorithm + " key"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID(key.getKeyID()).type(type).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            JWSSigner signer = KeyMaterial.ES256.equals(algorithm) ? new ECDSASigner(key.toECKey())
                    : new RSASSASigner(key.toRSAKey());
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException() {
            super("invalid token");
        }
    }
}
