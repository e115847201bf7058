package cloud.federation.realm.keys;

import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.model.SigningKeyEntity;
import cloud.federation.realm.secrets.SecretCipher;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A realm's signing keys: creation, the active key per algorithm, and the public JWKS. */
@ApplicationScoped
public class RealmKeys {

    @Inject
    SecretCipher cipher;

    @Transactional
    public SigningKeyEntity add(RealmEntity realm, String algorithm, SigningKeyEntity.Status status) {
        JWK jwk = KeyMaterial.generate(algorithm);
        SigningKeyEntity key = new SigningKeyEntity();
        key.id = UUID.randomUUID().toString();
        key.realm = realm;
        key.kid = jwk.getKeyID();
        key.algorithm = algorithm;
        key.status = status;
        key.publicJwk = jwk.toPublicJWK().toJSONString();
        key.privateJwk = cipher.encrypt(jwk.toJSONString(), purpose(key));
        key.createdAt = Instant.now();
        key.persist();
        return key;
    }

    /**
     * Rotation: a new active key of that algorithm; the previously active ones become passive, so tokens they
     * signed still verify (they stay in the JWKS) until an admin disables them.
     */
    @Transactional
    public SigningKeyEntity rotate(RealmEntity realm, String algorithm) {
        SigningKeyEntity.listByRealm(realm).stream()
                .filter(k -> k.algorithm.equals(algorithm) && k.status == SigningKeyEntity.Status.ACTIVE)
                .forEach(k -> k.status = SigningKeyEntity.Status.PASSIVE);
        return add(realm, algorithm, SigningKeyEntity.Status.ACTIVE);
    }

    /** The newest active key of that algorithm, with its private part. */
    public Optional<JWK> activeSigningKey(RealmEntity realm, String algorithm) {
        return SigningKeyEntity.listByRealm(realm).stream()
                .filter(k -> k.status == SigningKeyEntity.Status.ACTIVE && k.algorithm.equals(algorithm))
                .findFirst()
                .map(k -> parse(cipher.decrypt(k.privateJwk, purpose(k))));
    }

    /** Public keys that verify: active and passive ones. */
    public JWKSet publicKeys(RealmEntity realm) {
        List<JWK> keys = SigningKeyEntity.listByRealm(realm).stream()
                .filter(k -> k.status != SigningKeyEntity.Status.DISABLED)
                .map(k -> parse(k.publicJwk))
                .toList();
        return new JWKSet(keys);
    }

    private static String purpose(SigningKeyEntity key) {
        return "signing_key/" + key.id;
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("corrupt stored JWK", e);
        }
    }
}
