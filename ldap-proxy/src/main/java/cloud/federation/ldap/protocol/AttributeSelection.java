package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.AttributeRules;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which attributes of an entry a search returns (RFC 4511 §4.5.1.8): none listed or {@code *} means all user
 * attributes, {@code +} adds the operational ones, {@code 1.1} alone means none; names match case-insensitively.
 * Large multi-valued attributes come in ranges as Active Directory sends them: {@code member;range=0-1499}, and the
 * client asks for {@code member;range=1500-*} next.
 */
final class AttributeSelection {

    static final Set<String> OPERATIONAL = Set.of("createtimestamp", "modifytimestamp", "entryuuid", "subschemasubentry");

    private record Range(int low, int high) {
    }

    private static final AttributeRules RULES = AttributeRules.standard();

    private final boolean allUser;
    private final boolean allOperational;
    private final boolean typesOnly;
    private final int maxValueRange;
    private final Set<String> named = new HashSet<>();
    private final Map<String, List<Range>> ranges = new HashMap<>();

    /** Parses the request's attribute list once; {@link #select} then runs per returned entry. */
    AttributeSelection(List<String> requested, boolean typesOnly, int maxValueRange) {
        this.allUser = requested.isEmpty() || requested.contains("*");
        this.allOperational = requested.contains("+");
        this.typesOnly = typesOnly;
        this.maxValueRange = maxValueRange;
        for (String r : requested) {
            parse(r, named, ranges);
        }
    }

    /** The entry as this request returns it, built straight into the protocol op (no intermediate Entry). */
    SearchResultEntryProtocolOp select(Entry entry) {
        List<Attribute> out = new ArrayList<>(entry.getAttributes().size());
        for (Attribute a : entry.getAttributes()) {
            String name = a.getBaseName().toLowerCase(Locale.ROOT);
            List<Range> asked = ranges.get(name);
            if (asked != null) {
                for (Range range : asked) {
                    add(out, slice(a, range.low, range.high, maxValueRange));
                }
                continue;
            }
            boolean operational = OPERATIONAL.contains(name);
            if (named.contains(name) || (operational ? allOperational : allUser)) {
                add(out, a.size() > maxValueRange ? slice(a, 0, Integer.MAX_VALUE, maxValueRange) : a);
            }
        }
        return new SearchResultEntryProtocolOp(entry.getDN(), out);
    }

    private void add(List<Attribute> out, Attribute a) {
        if (a != null) {
            out.add(typesOnly ? new Attribute(a.getName()) : a);
        }
    }

    /**
     * A requested name is any of the type's names or its OID. Options other than range (say {@code cn;lang-en})
     * name values we never hold, so they select nothing.
     */
    private static void parse(String requested, Set<String> named, Map<String, List<Range>> ranges) {
        String[] parts = requested.split(";");
        String canonical = RULES.canonical(parts[0]);
        String base = canonical != null ? canonical : parts[0].toLowerCase(Locale.ROOT);
        if (parts.length == 1) {
            named.add(base);
            return;
        }
        if (parts.length == 2 && range(parts[1]) != null) {
            ranges.computeIfAbsent(base, k -> new ArrayList<>()).add(range(parts[1]));
        }
    }

    /** {@code range=<low>-<high>} or {@code range=<low>-*}; anything else is not a range option. */
    private static Range range(String option) {
        String o = option.toLowerCase(Locale.ROOT);
        if (!o.startsWith("range=")) {
            return null;
        }
        String[] bounds = o.substring("range=".length()).split("-", 2);
        try {
            int low = Integer.parseInt(bounds[0]);
            int high = bounds.length < 2 || bounds[1].equals("*") ? Integer.MAX_VALUE : Integer.parseInt(bounds[1]);
            return low >= 0 && high >= low ? new Range(low, high) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Values low..high, at most {@code max} of them, named with the range actually sent; null when none remain. */
    private static Attribute slice(Attribute a, int low, int high, int max) {
        ASN1OctetString[] values = a.getRawValues();
        if (low >= values.length) {
            return null;
        }
        int end = (int) Math.min(Math.min((long) high, (long) low + max - 1), values.length - 1L);
        String name = a.getBaseName() + ";range=" + low + "-" + (end == values.length - 1 ? "*" : String.valueOf(end));
        return new Attribute(name, Arrays.copyOfRange(values, low, end + 1));
    }
}
