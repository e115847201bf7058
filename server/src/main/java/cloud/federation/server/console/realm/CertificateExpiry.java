package cloud.federation.server.console.realm;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * When the first of an IdP's SAML signing certificates expires (the config holds them base64, comma-separated, as
 * the metadata importer stores them), and whether that is soon enough to warn an admin: logins stop on that day.
 */
public record CertificateExpiry(Instant notAfter, State state) {

    public static final Duration WARN_AHEAD = Duration.ofDays(30);

    public enum State { VALID, EXPIRING, EXPIRED }

    public boolean expired() {
        return state == State.EXPIRED;
    }

    public boolean expiring() {
        return state == State.EXPIRING;
    }

    public static Optional<CertificateExpiry> of(String signingCertificates, Instant now) {
        if (signingCertificates == null || signingCertificates.isBlank()) {
            return Optional.empty();
        }
        Instant first = null;
        for (String encoded : signingCertificates.split(",")) {
            Optional<Instant> notAfter = notAfter(encoded.replaceAll("\\s", ""));
            if (notAfter.isPresent() && (first == null || notAfter.get().isBefore(first))) {
                first = notAfter.get();
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        State state = !first.isAfter(now) ? State.EXPIRED
                : first.isBefore(now.plus(WARN_AHEAD)) ? State.EXPIRING : State.VALID;
        return Optional.of(new CertificateExpiry(first, state));
    }

    private static Optional<Instant> notAfter(String base64) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            return Optional.of(cert.getNotAfter().toInstant());
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty(); // the importer validated it; an unreadable one simply shows no date
        }
    }
}
