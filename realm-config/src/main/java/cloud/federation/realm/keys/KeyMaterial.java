package cloud.federation.realm.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.UUID;

/** Generates realm signing keys for the algorithms we sign with. */
public final class KeyMaterial {

    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";

    private KeyMaterial() {
    }

    public static JWK generate(String algorithm) {
        String kid = UUID.randomUUID().toString();
        try {
            return switch (algorithm) {
                case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                default -> throw new IllegalArgumentException("unsupported signing algorithm " + algorithm
                        + " (supported: RS256, ES256)");
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
