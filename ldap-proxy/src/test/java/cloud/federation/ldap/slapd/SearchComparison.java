package cloud.federation.ldap.slapd;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one search on both servers and says how the answers differ, after normalising what may legitimately differ
 * between two servers holding the same data: entry order, DN spelling (escaping, case, spacing), attribute name case.
 * Values are compared as returned, since both servers return the stored values of the same LDIF; only DN-valued
 * attributes are compared as DNs and binary ones as bytes.
 */
final class SearchComparison {

    /** Attributes whose values are DNs: compared as parsed, normalised DNs. */
    private static final Set<String> DN_VALUED = Set.of("member", "memberof", "manager");
    private static final Set<String> BINARY = Set.of("objectguid");

    /**
     * Never compared: operational attributes (each server computes its own), should a request name them.
     * The facade's are in AttributeSelection.OPERATIONAL; slapd's are listed for requests with {@code +}.
     */
    static final Set<String> NOT_COMPARED = Set.of("entryuuid", "createtimestamp", "modifytimestamp", "entrycsn",
            "creatorsname", "modifiersname", "structuralobjectclass", "entrydn", "subschemasubentry",
            "hassubordinates");

    record Search(String label, String base, SearchScope scope, String filter, List<String> attributes) {
        @Override
        public String toString() {
            return (label == null ? "" : "[" + label + "] ") + "base=\"" + base + "\" scope=" + scope.getName()
                    + " filter=" + filter + " attributes=" + attributes;
        }
    }

    /** normalised DN → lower-cased attribute name → normalised values. */
    record Outcome(ResultCode code, Map<String, Map<String, Set<String>>> entries) {
    }

    private SearchComparison() {
    }

    static Outcome run(LDAPConnection connection, Search search, Set<DN> leftOut) throws LDAPException {
        SearchRequest request = new SearchRequest(search.base(), search.scope(), search.filter(),
                search.attributes().toArray(String[]::new));
        SearchResult result;
        try {
            result = connection.search(request);
        } catch (LDAPSearchException e) {
            result = e.getSearchResult();
        }
        Map<String, Map<String, Set<String>>> entries = new TreeMap<>();
        for (SearchResultEntry e : result.getSearchEntries()) {
            DN dn = e.getParsedDN();
            if (leftOut.contains(dn)) {
                continue;
            }
            Map<String, Set<String>> attributes = new TreeMap<>();
            for (Attribute a : e.getAttributes()) {
                String name = a.getBaseName().toLowerCase(Locale.ROOT);
                if (!NOT_COMPARED.contains(name)) {
                    attributes.computeIfAbsent(name, k -> new TreeSet<>()).addAll(values(name, a));
                }
            }
            entries.put(dn.toNormalizedString(), attributes);
        }
        return new Outcome(result.getResultCode(), entries);
    }

    private static List<String> values(String name, Attribute a) throws LDAPException {
        List<String> out = new ArrayList<>();
        if (BINARY.contains(name)) {
            for (byte[] v : a.getValueByteArrays()) {
                out.add(HexFormat.of().formatHex(v));
            }
        } else if (DN_VALUED.contains(name)) {
            for (String v : a.getValues()) {
                out.add(new DN(v).toNormalizedString());
            }
        } else {
            out.addAll(List.of(a.getValues()));
        }
        return out;
    }

    /** Human-readable differences, empty when the answers agree. */
    static List<String> differences(Outcome slapd, Outcome ours) {
        List<String> out = new ArrayList<>();
        if (!slapd.code().equals(ours.code())) {
            out.add("result code: slapd " + slapd.code() + ", ours " + ours.code());
        }
        Set<String> onlySlapd = new TreeSet<>(slapd.entries().keySet());
        onlySlapd.removeAll(ours.entries().keySet());
        Set<String> onlyOurs = new TreeSet<>(ours.entries().keySet());
        onlyOurs.removeAll(slapd.entries().keySet());
        if (!onlySlapd.isEmpty()) {
            out.add("only slapd returned " + onlySlapd.size() + ": " + abbreviate(onlySlapd));
        }
        if (!onlyOurs.isEmpty()) {
            out.add("only ours returned " + onlyOurs.size() + ": " + abbreviate(onlyOurs));
        }
        for (Map.Entry<String, Map<String, Set<String>>> e : slapd.entries().entrySet()) {
            Map<String, Set<String>> mine = ours.entries().get(e.getKey());
            if (mine == null || mine.equals(e.getValue())) {
                continue;
            }
            Set<String> names = new TreeSet<>(e.getValue().keySet());
            names.addAll(mine.keySet());
            for (String name : names) {
                Set<String> a = e.getValue().getOrDefault(name, Set.of());
                Set<String> b = mine.getOrDefault(name, Set.of());
                if (!a.equals(b)) {
                    out.add(e.getKey() + " " + name + ": slapd " + a + ", ours " + b);
                }
            }
        }
        return out;
    }

    private static String abbreviate(Set<String> dns) {
        List<String> shown = dns.stream().limit(8).toList();
        return dns.size() > shown.size() ? shown + " …" : shown.toString();
    }
}
