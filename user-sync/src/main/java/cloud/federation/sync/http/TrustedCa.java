package cloud.federation.sync.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The trust for a source's base URLs: the JVM's default CAs plus, when the admin configured one, an extra CA in PEM
 * (a corporate proxy, a national cloud's private endpoint, a simulator). The extra CA is trusted for that source's
 * connections only.
 */
public final class TrustedCa {

    private final X509TrustManager trustManager;
    private final SSLContext context;
    private final KeyStore keyStore;

    private TrustedCa(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        X509TrustManager tm = null;
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                tm = x;
            }
        }
        this.trustManager = tm;
        this.keyStore = keyStore;
        this.context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{tm}, null);
    }

    /** Parses the PEM, failing with a message fit for a 400 when it holds no certificate. */
    public static TrustedCa withExtra(String pem) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (TrustManager m : defaults.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("default-" + n++, c);
                    }
                }
            }
            if (pem != null && !pem.isBlank()) {
                List<X509Certificate> extra = parse(pem);
                for (int i = 0; i < extra.size(); i++) {
                    ks.setCertificateEntry("extra-" + i, extra.get(i));
                }
            }
            return new TrustedCa(ks);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("trustedCaPem: cannot build a trust store: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> parse(String pem) {
        try {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> out = new ArrayList<>();
            certs.forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new IllegalArgumentException("trustedCaPem: no certificate in the PEM text");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("trustedCaPem: not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    /** Checks a PEM when an admin saves it. */
    public static void validate(String pem) {
        parse(pem);
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public SSLContext sslContext() {
        return context;
    }

    public KeyStore keyStore() {
        return keyStore;
    }
}
