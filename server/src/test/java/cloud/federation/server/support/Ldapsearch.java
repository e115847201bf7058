package cloud.federation.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** OpenLDAP's {@code ldapsearch} (Debian ldap-utils) as a suite would run it, trusting only our certificate. */
public final class Ldapsearch {

    private final Path caCertificate;
    private final Path clientCertificate;
    private final Path clientKey;

    public Ldapsearch(Path caCertificate) {
        this(caCertificate, null, null);
    }

    /** With a client certificate and key (PEM) for SASL EXTERNAL. */
    public Ldapsearch(Path caCertificate, Path clientCertificate, Path clientKey) {
        this.caCertificate = caCertificate;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
    }

    /** What one run printed and how it ended (exit code = LDAP result code for most failures). */
    public record Outcome(int exit, String out, String err) {

        public List<String> dns() {
            List<String> dns = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("dn: ")) {
                    dns.add(line.substring(4));
                } else if (line.startsWith("dn:: ")) {
                    dns.add(new String(java.util.Base64.getDecoder().decode(line.substring(5)), StandardCharsets.UTF_8));
                }
            }
            return dns;
        }

        /** Values of one attribute over all entries ({@code name: value} lines). */
        public List<String> values(String attribute) {
            List<String> values = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.regionMatches(true, 0, attribute + ": ", 0, attribute.length() + 2)) {
                    values.add(line.substring(attribute.length() + 2));
                }
            }
            return values;
        }
    }

    public Outcome run(String... args) {
        List<String> command = new ArrayList<>(List.of("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-o", "nettimeout=10"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LDAPTLS_CACERT", caCertificate.toAbsolutePath().toString());
        builder.environment().put("LDAPTLS_REQCERT", "demand");
        if (clientCertificate != null) {
            builder.environment().put("LDAPTLS_CERT", clientCertificate.toAbsolutePath().toString());
            builder.environment().put("LDAPTLS_KEY", clientKey.toAbsolutePath().toString());
        }
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("ldapsearch did not finish: " + command);
            }
            return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("ldapsearch (Debian ldap-utils) is needed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
