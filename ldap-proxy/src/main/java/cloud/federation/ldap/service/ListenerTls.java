package cloud.federation.ldap.service;

import cloud.federation.realm.FederationConfig;
import cloud.federation.ldap.protocol.BoundedTlsSockets;
import cloud.federation.ldap.protocol.LdapsSockets;
import com.unboundid.util.ssl.PEMFileKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The listeners' TLS: the configured PEM certificate and key, or, on the embedded default, a self-signed pair
 * generated once under {@code data/} and reused across restarts (so clients that pinned it keep working).
 * TLS 1.2 and 1.3 only.
 */
final class ListenerTls {

    private static final Logger LOG = Logger.getLogger(ListenerTls.class);
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLUtil ssl;

    private ListenerTls(SSLUtil ssl) {
        this.ssl = ssl;
    }

    static ListenerTls from(FederationConfig.Ldap config) {
        Path cert;
        Path key;
        if (config.certificateFile().isPresent() != config.keyFile().isPresent()) {
            throw new IllegalStateException("federation.ldap.certificate-file and key-file go together");
        }
        if (config.certificateFile().isPresent()) {
            cert = Path.of(config.certificateFile().get());
            key = Path.of(config.keyFile().get());
        } else {
            Path dir = Path.of(config.generatedTlsDirectory());
            cert = dir.resolve("ldap-cert.pem");
            key = dir.resolve("ldap-key.pem");
            if (!Files.exists(cert) || !Files.exists(key)) {
                generate(config.generatedTlsHostname(), cert, key);
                LOG.infof("Generated a self-signed LDAP certificate for %s in %s; configure "
                        + "federation.ldap.certificate-file and key-file for production", config.generatedTlsHostname(), dir);
            }
        }
        try {
            SSLUtil.setEnabledSSLProtocols(PROTOCOLS);
            return new ListenerTls(new SSLUtil(new PEMFileKeyManager(cert.toFile(), key.toFile()), new PinnedClients()));
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException("cannot read the LDAP certificate " + cert + " or key " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Client certificates are optional (SASL EXTERNAL) and pinned per suite at bind time, so the handshake accepts
     * any certificate within its validity period; it only proves the client holds the key.
     */
    private static final class PinnedClients implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            chain[0].checkValidity();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the listener does not connect to servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** For LDAPS: TLS server sockets whose connections can batch search responses. */
    ServerSocketFactory serverSockets() {
        try {
            return new LdapsSockets(ssl.createSSLServerSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up LDAPS", e);
        }
    }

    /** For StartTLS: TLS sockets layered over accepted connections, reading at most {@code maxRequestBytes} per request. */
    SSLSocketFactory startTls(int maxRequestBytes) {
        try {
            return new BoundedTlsSockets(ssl.createSSLSocketFactory(), maxRequestBytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up StartTLS", e);
        }
    }

    private static void generate(String hostname, Path certFile, Path keyFile) {
        try {
            // RSA rather than EC: the JDK's PKCS#8 encoding of EC keys omits the curve, which GnuTLS-based tools
            // (OpenLDAP's, should an operator reuse the pair) refuse.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname.replaceAll("[,=+<>#;\"\\\\]", "_"));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(825))), name, pair.getPublic());
            List<GeneralName> names = new java.util.ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, hostname)));
            if (hostname.equals("localhost")) {
                // OpenLDAP's client checks "localhost" URLs against the reverse name; suites on the same host use
                // the loopback addresses instead.
                names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
                names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            }
            // Self-signed means it is its own trust anchor: GnuTLS-based clients (OpenLDAP's) insist anchors are CAs.
            builder.addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(
                    org.bouncycastle.asn1.x509.KeyUsage.digitalSignature | org.bouncycastle.asn1.x509.KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                    org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            Files.createDirectories(certFile.getParent());
            Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's permissions apply
            }
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the self-signed LDAP certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
