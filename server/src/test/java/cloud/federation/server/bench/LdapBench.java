package cloud.federation.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parts of bench/ldap.sh that are easier in Java. Subcommands:
 *
 * <ul>
 *   <li>{@code setup ourBaseUrl adminPassword simulatorInfoJson realm outFile}: a realm with an Entra ID source on the
 *   Graph simulator (as {@link SyncBench} creates it, disabled users served), one full sync run to its end, the suite {@code bench-suite}
 *   and its LDAP credential; writes {@code BIND_DN}, {@code BIND_PW} and {@code SERVED} as shell assignments.</li>
 *   <li>{@code wait port bindDn password usersBaseDn expectedUsers timeoutSeconds}: until LDAPS on 127.0.0.1 accepts
 *   the suite's bind and serves that many entries under {@code ou=users}.</li>
 *   <li>{@code prepare ourDump.ldif slapd.ldif valuesDir suiteDn userPasswordHash}: slapd's input from our dump (the
 *   {@code dc=federation,dc=cloud} root added, the suite given a password) and the value files searchrate picks
 *   from, filter-escaped: {@code uids.txt}, {@code mails.txt}, {@code sn-prefixes.txt} (first three
 *   characters of each surname), {@code group.txt} (the first group a user is in).</li>
 * </ul>
 */
public final class LdapBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], Path.of(args[3]), args[4], Path.of(args[5]));
            case "wait" -> await(Integer.parseInt(args[1]), args[2], args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "prepare" -> prepare(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4], args[5]);
            case "delta" -> delta(args[1], args[2], Path.of(args[3]), args[4], Integer.parseInt(args[5]), args[6],
                    args[7], args[8], Integer.parseInt(args[9]));
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
        System.exit(0);
    }

    private static void setup(String ours, String password, Path simInfo, String realm, Path out) throws Exception {
        JsonNode sim = SyncBench.JSON.readTree(Files.readString(simInfo));
        HttpClient http = HttpClient.newHttpClient();
        String token = SyncBench.adminToken(http, ours, password);
        // Disabled accounts served too (marked in userAccountControl), so every generated user is in the directory.
        String source = SyncBench.createRealmWithSource(http, ours, token, realm, sim, Map.of("disabledUsers", "serve"));
        long t0 = System.nanoTime();
        JsonNode run = SyncBench.runToEnd(http, ours, password, source);
        long syncMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        if (!"SUCCEEDED".equals(run.get("status").asText())) {
            throw new IllegalStateException("the sync run ended " + run);
        }
        System.out.printf("full sync: %,d users served, %,d ms (run %s)%n", run.get("served").asInt(), syncMs,
                run.get("status").asText());

        token = SyncBench.adminToken(http, ours, password);
        HttpResponse<String> created = http.send(SyncBench.post(ours + "/admin/realms/" + realm + "/clients", token,
                "{\"clientId\":\"bench-suite\",\"redirectUris\":[\"https://suite.example/cb\"]}"),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the suite answered " + created.statusCode() + ": " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String clientId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode credential = SyncBench.JSON.readTree(SyncBench.send(http, SyncBench.post(ours + "/admin/realms/" + realm
                + "/clients/" + clientId + "/ldap-credential", token, ""), 200));
        Files.writeString(out, "BIND_DN='" + credential.get("bindDn").asText() + "'\nBIND_PW='"
                + credential.get("password").asText() + "'\nSERVED=" + run.get("served").asInt() + "\nSOURCE='" + source
                + "'\n");
    }

    /**
     * A delta commit on a loaded realm: the simulator changes {@code changed} users' departments and adds 10 users,
     * one delta run commits them, and the time from the run's commit to the last new user answering an LDAPS
     * equality search is printed.
     */
    private static void delta(String ours, String password, Path simInfo, String source, int port, String bindDn,
                              String bindPassword, String usersBase, int changed) throws Exception {
        JsonNode sim = SyncBench.JSON.readTree(Files.readString(simInfo));
        HttpClient simClient = HttpClient.newBuilder()
                .sslContext(SyncBench.trusting(sim.get("caCertificatePem").asText())).build();
        SyncBench.send(simClient, HttpRequest.newBuilder(URI.create(sim.get("authorityHost").asText()
                + "_sim/update?count=" + changed)).POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
        JsonNode added = SyncBench.JSON.readTree(SyncBench.send(simClient, HttpRequest.newBuilder(URI.create(
                sim.get("authorityHost").asText() + "_sim/users?count=10")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), 200));
        String last = added.get("ids").get(added.get("ids").size() - 1).asText();
        HttpClient http = HttpClient.newHttpClient();
        try (LDAPConnection c = new LDAPConnection(new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(),
                "127.0.0.1", port)) {
            c.bind(bindDn, bindPassword);
            JsonNode run = SyncBench.runToEnd(http, ours, password, source);
            if (!"SUCCEEDED".equals(run.get("status").asText())) {
                throw new IllegalStateException("the delta run ended " + run);
            }
            java.time.Instant committed = java.time.Instant.parse(run.get("finishedAt").asText());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (c.search(usersBase, SearchScope.ONE, Filter.createEqualityFilter("uid", last), "1.1")
                    .getEntryCount() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the delta was not served within 60 s");
                }
                Thread.sleep(5);
            }
            long visibleMs = Duration.between(committed, java.time.Instant.now()).toMillis();
            System.out.printf("delta commit (%d users changed, 10 added; run mode %s, updated %d, added %d): visible "
                    + "over LDAPS %,d ms after the run committed%n", changed, run.get("mode").asText(),
                    run.get("updated").asInt(), run.get("added").asInt(), visibleMs);
        }
    }

    private static void await(int port, String bindDn, String password, String usersBase, int expected, int timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try (LDAPConnection c = new LDAPConnection(new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(),
                    "127.0.0.1", port)) {
                c.bind(bindDn, password);
                int n = count(c, usersBase);
                if (n >= expected) {
                    return;
                }
                last = n + " users";
            } catch (LDAPException e) {
                last = e.getResultCode() + " " + e.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("LDAPS did not serve " + expected + " users within " + timeout + " s: " + last);
    }

    /** Entries one level under {@code base}, paged, without attributes. */
    private static int count(LDAPConnection c, String base) throws LDAPException {
        int n = 0;
        ASN1OctetString cookie = null;
        do {
            SearchRequest r = new SearchRequest(base, SearchScope.ONE, "(objectClass=*)", "1.1");
            r.setControls(new SimplePagedResultsControl(1000, cookie));
            SearchResult result = c.search(r);
            n += result.getEntryCount();
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
        } while (cookie != null);
        return n;
    }

    private static void prepare(Path dump, Path slapdLdif, Path values, String suiteDn, String passwordHash)
            throws Exception {
        Files.createDirectories(values);
        List<String> uids = new ArrayList<>();
        List<String> mails = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String group = null;
        int entries = 0;
        try (LDIFReader in = new LDIFReader(dump.toFile()); LDIFWriter out = new LDIFWriter(slapdLdif.toFile())) {
            out.setWrapColumn(0);
            Entry root = new Entry("dc=federation,dc=cloud");
            root.addAttribute("objectClass", "top", "domain");
            root.addAttribute("dc", "federation");
            out.writeEntry(root);
            for (Entry e = in.readEntry(); e != null; e = in.readEntry()) {
                entries++;
                if (e.getParsedDN().equals(new com.unboundid.ldap.sdk.DN(suiteDn))) {
                    e.addAttribute("objectClass", "simpleSecurityObject");
                    e.addAttribute("userPassword", passwordHash);
                }
                if (e.hasObjectClass("inetOrgPerson")) {
                    add(uids, e.getAttribute("uid"));
                    add(mails, e.getAttribute("mail"));
                    String sn = e.getAttributeValue("sn");
                    if (sn != null && sn.codePointCount(0, sn.length()) >= 3) {
                        prefixes.add(sn.substring(0, sn.offsetByCodePoints(0, 3)));
                    }
                    if (group == null && e.hasAttribute("memberOf")) {
                        group = e.getAttributeValue("memberOf");
                    }
                }
                out.writeEntry(e);
            }
        }
        write(values.resolve("uids.txt"), uids);
        write(values.resolve("mails.txt"), mails);
        write(values.resolve("sn-prefixes.txt"), new ArrayList<>(prefixes));
        write(values.resolve("group.txt"), group == null ? List.of() : List.of(group));
        System.out.printf(Locale.ROOT, "slapd input: %,d entries of ours + the root; %,d uids, %,d mails, %d sn prefixes%n",
                entries, uids.size(), mails.size(), prefixes.size());
    }

    private static void add(List<String> to, Attribute a) {
        if (a != null) {
            for (String v : a.getValues()) {
                to.add(v);
            }
        }
    }

    /**
     * One value a line, escaped for a filter's assertion value (non-ASCII as {@code \xx} bytes, so the file is ASCII
     * whatever charset searchrate reads it with).
     */
    private static void write(Path file, List<String> lines) throws Exception {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            for (String l : lines) {
                w.print(Filter.encodeValue(l));
                w.print('\n');
            }
        }
    }
}
