package cloud.federation.saml;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The SP certificate published in our metadata: self-signed over the realm's RSA key. Everything in it derives
 * from the key and its creation time (RSA PKCS#1 v1.5 signatures are deterministic), so every node and every fetch
 * of the metadata yields the same certificate.
 */
public final class SpCertificate {

    private SpCertificate() {
    }

    public static X509Certificate of(String realm, String kid, KeyPair pair, Instant created) {
        try {
            X500Name name = new X500Name("CN=" + realm.replaceAll("[,=+<>#;\"\\\\]", "_") + " federation SP");
            BigInteger serial = new BigInteger(1, MessageDigest.getInstance("SHA-256")
                    .digest(kid.getBytes(StandardCharsets.UTF_8))).shiftRight(96);
            Instant notBefore = created.minus(Duration.ofDays(1));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore),
                    Date.from(notBefore.plus(Duration.ofDays(3650))), name, pair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the SP certificate", e);
        }
    }
}
