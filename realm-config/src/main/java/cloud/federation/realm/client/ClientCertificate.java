package cloud.federation.realm.client;

import cloud.federation.realm.problem.ProblemException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A suite's client certificate for SASL EXTERNAL binds, pinned by its SHA-256 fingerprint: the TLS handshake proves
 * the suite holds the key, the fingerprint says which suite it is. No CA is involved, so a certificate issued by
 * anyone else for the same name is worth nothing.
 */
public record ClientCertificate(String sha256, String subject, Instant notAfter) {

    /** Parses one PEM certificate; a clear 400 for anything else. */
    public static ClientCertificate parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ProblemException.badRequest("certificate: a PEM certificate (-----BEGIN CERTIFICATE-----) is required");
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
                throw ProblemException.badRequest("certificate: expired on " + cert.getNotAfter().toInstant());
            }
            return new ClientCertificate(fingerprint(cert.getEncoded()), cert.getSubjectX500Principal().getName(),
                    cert.getNotAfter().toInstant());
        } catch (CertificateException | IllegalArgumentException e) {
            throw ProblemException.badRequest("certificate: not a valid X.509 certificate");
        }
    }

    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
