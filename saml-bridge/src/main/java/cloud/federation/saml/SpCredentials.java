package cloud.federation.saml;

import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.model.SigningKeyEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.opensaml.security.x509.BasicX509Credential;

import java.security.KeyPair;

/** Our SP credential for a realm: its active RS256 key (signing AuthnRequests, decrypting assertions) and certificate. */
@ApplicationScoped
public class SpCredentials {

    @Inject
    RealmKeys keys;

    /** Per key id: building the certificate costs an RSA signature, too much for every AuthnRequest and ACS call. */
    private final java.util.Map<String, BasicX509Credential> byKid = new java.util.concurrent.ConcurrentHashMap<>();

    public BasicX509Credential of(RealmEntity realm) {
        JWK jwk = keys.activeSigningKey(realm, KeyMaterial.RS256)
                .orElseThrow(() -> new IllegalStateException("realm " + realm.name + " has no active RS256 key"));
        BasicX509Credential cached = byKid.get(jwk.getKeyID());
        if (cached != null) {
            return cached;
        }
        SigningKeyEntity row = SigningKeyEntity.listByRealm(realm).stream().filter(k -> k.kid.equals(jwk.getKeyID()))
                .findFirst().orElseThrow();
        try {
            RSAKey rsa = jwk.toRSAKey();
            KeyPair pair = new KeyPair(rsa.toRSAPublicKey(), rsa.toRSAPrivateKey());
            BasicX509Credential credential = new BasicX509Credential(
                    SpCertificate.of(realm.name, row.kid, pair, row.createdAt), pair.getPrivate());
            byKid.put(row.kid, credential);
            return credential;
        } catch (JOSEException e) {
            throw new IllegalStateException("realm key is not RSA", e);
        }
    }
}
