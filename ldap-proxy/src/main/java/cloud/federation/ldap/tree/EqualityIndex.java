package cloud.federation.ldap.tree;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Arrays;

/**
 * Candidate entries for equality and leading-substring assertions on the attributes suites filter on, keyed by the
 * value as the attribute's equality matching rule normalises it. Only narrows a search: every candidate is still
 * checked against the whole filter.
 */
final class EqualityIndex {

    static final Set<String> INDEXED = Set.of("uid", "mail", "cn", "sn", "givenname", "telephonenumber", "mobile",
            "department", "memberof", "objectclass", "userprincipalname", "samaccountname", "employeetype", "ipphone");

    /** The indexed names as canonical instances, so entries' kept keys share them. */
    private static final Map<String, String> INDEXED_NAMES = INDEXED.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, n -> n));

    private final AttributeRules rules;
    /** attribute → normalised value → entries (a one-element immutable list for the usual unique value). */
    private final Map<String, HashMap<String, List<Entry>>> byAttribute = new HashMap<>();
    /** attribute → its normalised values in order, for prefix lookups; sorted on the first one, not on every build. */
    private final Map<String, String[]> sortedKeys = new java.util.concurrent.ConcurrentHashMap<>();
    /** Values shared by many entries (group DNs, classes, departments) are normalised once per build. */
    private final Map<String, String> repeated = new HashMap<>();
    private static final Set<String> REPEATING = Set.of("memberof", "objectclass", "department", "employeetype");

    private final int capacity;

    /** @param expectedEntries sizes the value maps up front: resizing them dominated building large trees */
    EqualityIndex(Schema schema, int expectedEntries) {
        this.rules = AttributeRules.of(schema);
        this.capacity = (int) Math.min(Integer.MAX_VALUE / 2, expectedEntries * 4L / 3 + 16);
    }

    /** Whether candidates for this attribute (by any of its names) come from the index. */
    boolean indexed(String attribute) {
        String canonical = rules.canonical(attribute);
        return canonical != null && INDEXED.contains(canonical);
    }

    String canonical(String attribute) {
        return rules.canonical(attribute);
    }

    /**
     * Indexes the entry; answers its keys as attribute, key, attribute, key… so a later tree can index the same
     * unchanged entry with {@link #add(Entry, String[])} without normalising its values again.
     */
    String[] add(Entry entry) {
        List<String> keys = new ArrayList<>();
        for (Attribute a : entry.getAttributes()) {
            String name = INDEXED_NAMES.get(a.getBaseName().toLowerCase(Locale.ROOT));
            if (name == null) {
                continue;
            }
            boolean repeats = REPEATING.contains(name);
            for (ASN1OctetString v : a.getRawValues()) {
                String key = repeats ? repeated.computeIfAbsent(name + '\n' + v.stringValue(), k -> normalise(name, v))
                        : normalise(name, v);
                if (key != null) {
                    keys.add(name);
                    keys.add(key);
                }
            }
        }
        String[] flat = keys.toArray(new String[0]);
        add(entry, flat);
        return flat;
    }

    void add(Entry entry, String[] keys) {
        for (int i = 0; i < keys.length; i += 2) {
            byAttribute.computeIfAbsent(keys[i], k -> new HashMap<>(capacity)).merge(keys[i + 1], List.of(entry),
                    EqualityIndex::append);
        }
    }

    private static List<Entry> append(List<Entry> old, List<Entry> one) {
        List<Entry> list = old instanceof ArrayList<Entry> grown ? grown : new ArrayList<>(old);
        list.addAll(one);
        return list;
    }

    /** Called once the tree is complete, before it is published (the maps are read-only from then on). */
    void freeze() {
        repeated.clear();
    }

    private String[] sorted(String name) {
        HashMap<String, List<Entry>> values = byAttribute.get(name);
        if (values == null) {
            return null;
        }
        return sortedKeys.computeIfAbsent(name, n -> {
            String[] keys = values.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            return keys;
        });
    }

    List<Entry> equal(String attribute, ASN1OctetString value) {
        String name = rules.canonical(attribute);
        String key = normalise(name, value);
        HashMap<String, List<Entry>> values = byAttribute.get(name);
        return key == null || values == null ? List.of() : values.getOrDefault(key, List.of());
    }

    /**
     * Entries with a value of the attribute starting with {@code prefix} (normalised like the equality rule): one list
     * per matching value, each in tree order.
     */
    List<List<Entry>> startingWith(String attribute, ASN1OctetString prefix) {
        String name = rules.canonical(attribute);
        String key = normalise(name, prefix);
        String[] keys = name == null ? null : sorted(name);
        if (key == null || keys == null) {
            return List.of();
        }
        // A normalised prefix may have lost a trailing space; that only widens the candidates, which the full
        // filter check narrows again.
        HashMap<String, List<Entry>> values = byAttribute.get(name);
        List<List<Entry>> out = new ArrayList<>();
        int i = Arrays.binarySearch(keys, key);
        for (i = i < 0 ? -i - 1 : i; i < keys.length && keys[i].startsWith(key); i++) {
            out.add(values.get(keys[i]));
        }
        return out;
    }

    private String normalise(String attribute, ASN1OctetString value) {
        try {
            return rules.normalise(attribute, value);
        } catch (LDAPException e) {
            return null;
        }
    }
}
