package cloud.federation.ldap.slapd;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway OpenLDAP slapd on loopback for tests that need a reference LDAP server: its own config, schema and
 * back-mdb database in a fresh directory under {@code target/}, loaded offline with slapadd (much faster than adding
 * over the wire) and then served by a slapd child process that {@link #close()} stops.
 *
 * <p>slapd missing is a failure, not a skip: CI installs Debian's {@code slapd} and {@code ldap-utils}, and a
 * reference comparison that silently does not run proves nothing.
 */
public final class Slapd implements AutoCloseable {

    public static final String SUFFIX = "dc=federation,dc=cloud";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;

    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    private static final Path SCHEMA_DIR = Path.of("/etc/ldap/schema");
    private static final Path MODULE_DIR = Path.of("/usr/lib/ldap");
    private static final List<String> STANDARD_SCHEMAS = List.of("core", "cosine", "inetorgperson");
    private static final long START_TIMEOUT_MILLIS = 15_000;

    private static volatile String version;

    private final Path dir;
    private final String password;
    private final Process process;
    private final int port;
    private final Thread reaper;

    private Slapd(Path dir, String password, Process process, int port) {
        this.dir = dir;
        this.password = password;
        this.process = process;
        this.port = port;
        // A test JVM that dies without close() must not leave a slapd listening.
        this.reaper = new Thread(process::destroyForcibly, "slapd-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts slapd with the standard person schemas, the given extra schema files (classpath resources in slapd's
     * {@code .schema} format) and the entries of {@code ldif} (which must include the {@link #SUFFIX} entry).
     */
    public static Slapd start(List<String> schemaResources, String ldif) {
        requireInstalled();
        Path dir = null;
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            dir = Files.createTempDirectory(target, "slapd-");
            Files.createDirectories(dir.resolve("db"));
            List<Path> schemas = new ArrayList<>();
            for (String resource : schemaResources) {
                Path copy = dir.resolve(Path.of(resource).getFileName().toString());
                try (InputStream in = Slapd.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no schema resource " + resource);
                    }
                    Files.copy(in, copy);
                }
                schemas.add(copy);
            }
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Path conf = dir.resolve("slapd.conf");
            Files.writeString(conf, config(dir, schemas, password), StandardCharsets.UTF_8);
            Path data = dir.resolve("data.ldif");
            Files.writeString(data, ldif, StandardCharsets.UTF_8);
            run(dir, "slapadd", SLAPADD.toString(), "-f", conf.toString(), "-l", data.toString());
            return serve(dir, conf, password);
        } catch (IOException e) {
            // Other failures keep the directory: its slapd.conf, data.ldif and logs are what explains them.
            delete(dir);
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir, List<Path> extraSchemas, String password) {
        StringBuilder c = new StringBuilder();
        for (String s : STANDARD_SCHEMAS) {
            c.append("include ").append(SCHEMA_DIR.resolve(s + ".schema")).append('\n');
        }
        for (Path s : extraSchemas) {
            c.append("include ").append(s).append('\n');
        }
        c.append("pidfile ").append(dir.resolve("slapd.pid")).append('\n');
        c.append("argsfile ").append(dir.resolve("slapd.args")).append('\n');
        c.append("modulepath ").append(MODULE_DIR).append('\n');
        c.append("moduleload back_mdb\n");
        c.append("database mdb\n");
        // mdb maps the whole maxsize up front; a test database needs only a few megabytes.
        c.append("maxsize 67108864\n");
        c.append("suffix \"").append(SUFFIX).append("\"\n");
        c.append("rootdn \"").append(ROOT_DN).append("\"\n");
        // A throwaway server on loopback; a hashed password would only make the config harder to read.
        c.append("rootpw ").append(password).append('\n');
        c.append("directory ").append(dir.resolve("db")).append('\n');
        return c.toString();
    }

    /**
     * slapd stays in the foreground with {@code -d 0}, so it remains our child and close() can stop it. No -u/-g:
     * as root it keeps running as root, which is harmless on loopback and avoids chowning the database to a
     * system user that may not exist.
     */
    private static Slapd serve(Path dir, Path conf, String password) throws IOException {
        IOException lastFailure = null;
        // Another process can take the free port between our probe and slapd's bind; then try another one.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = dir.resolve("slapd-" + port + ".log");
            Process p = new ProcessBuilder(SLAPD.toString(), "-f", conf.toString(),
                    "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Slapd slapd = new Slapd(dir, password, p, port);
            if (slapd.awaitAnswer()) {
                return slapd;
            }
            slapd.stopProcess();
            lastFailure = new IOException("slapd did not answer on port " + port + ": " + Files.readString(log));
        }
        throw lastFailure;
    }

    private boolean awaitAnswer() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
                if (c.getRootDSE() != null) {
                    return true;
                }
            } catch (LDAPException notYet) {
                // slapd still opening its database or listener
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Fails (never skips) when slapd is missing; checks once per JVM that it runs at all. */
    static void requireInstalled() {
        for (Path tool : List.of(SLAPD, SLAPADD)) {
            if (!Files.isExecutable(tool)) {
                throw new AssertionError(tool + " is missing: install Debian's slapd and ldap-utils "
                        + "(apt-get install -y slapd ldap-utils; .ci/run does this) to run the slapd comparison");
            }
        }
        if (version == null) {
            String out = run(Path.of("."), "slapd -VV", SLAPD.toString(), "-VV");
            if (!out.contains("slapd")) {
                throw new AssertionError("slapd -VV does not identify as slapd: " + out);
            }
            version = out.lines().filter(l -> l.contains("slapd")).findFirst().orElse(out).strip();
        }
    }

    /** What {@code slapd -VV} reported, e.g. {@code @(#) $OpenLDAP: slapd 2.5.13+dfsg-5 …}. */
    public static String version() {
        requireInstalled();
        return version;
    }

    private static String run(Path dir, String what, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + ") in " + dir + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String rootDn() {
        return ROOT_DN;
    }

    public String password() {
        return password;
    }

    /** A new connection bound as the root DN, which no size or time limit applies to. */
    public LDAPConnection connectAsRoot() throws LDAPException {
        LDAPConnection c = new LDAPConnection(host(), port);
        try {
            c.bind(ROOT_DN, password);
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public void close() {
        stopProcess();
        delete(dir);
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // target/ is cleaned by the next mvn clean; a leftover directory is not worth failing a test for
        }
    }
}
