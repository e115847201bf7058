package cloud.federation.server.ldap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** A suite's self-made client certificate and key, as PEM for the admin API and ldapsearch and as a KeyManager. */
record ClientCertificates(KeyPair pair, X509Certificate certificate) {

    static ClientCertificates generate(String cn) throws Exception {
        Instant now = Instant.now();
        return generate(cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    static ClientCertificates generate(String cn, Instant notBefore, Instant notAfter) throws Exception {
        // RSA: OpenLDAP's GnuTLS refuses the JDK's PKCS#8 encoding of EC keys.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        return new ClientCertificates(pair, cert);
    }

    String certificatePem() throws Exception {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    KeyManager[] keyManagers() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("suite", pair.getPrivate(), "x".toCharArray(), new Certificate[]{certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "x".toCharArray());
        return kmf.getKeyManagers();
    }

    /** Writes cert and key PEM files for OpenLDAP's LDAPTLS_CERT / LDAPTLS_KEY. */
    Path[] write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path cert = Files.writeString(dir.resolve("client-cert.pem"), certificatePem(), StandardCharsets.US_ASCII);
        Path key = Files.writeString(dir.resolve("client-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                StandardCharsets.US_ASCII);
        return new Path[]{cert, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
