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
import java.util.TreeMap;

/**
 * Candidate entries for equality and leading-substring assertions on the attributes suites filter on, keyed by the
 * value as the attribute's equality matching rule normalises it. Only narrows a search: every candidate is still
 * checked against the whole filter.
 */
final class EqualityIndex {

    static final Set<String> INDEXED = Set.of("uid", "mail", "cn", "sn", "givenname", "telephonenumber", "mobile",
            "department", "memberof", "objectclass", "userprincipalname", "samaccountname", "employeetype", "ipphone");

    private final AttributeRules rules;
    private final Map<String, TreeMap<String, List<Entry>>> byAttribute = new HashMap<>();

    EqualityIndex(Schema schema) {
        this.rules = new AttributeRules(schema);
    }

    /** Whether candidates for this attribute (by any of its names) come from the index. */
    boolean indexed(String attribute) {
        String canonical = rules.canonical(attribute);
        return canonical != null && INDEXED.contains(canonical);
    }

    String canonical(String attribute) {
        return rules.canonical(attribute);
    }

    void add(Entry entry) {
        for (Attribute a : entry.getAttributes()) {
            String name = a.getBaseName().toLowerCase(Locale.ROOT);
            if (!INDEXED.contains(name)) {
                continue;
            }
            TreeMap<String, List<Entry>> values = byAttribute.computeIfAbsent(name, k -> new TreeMap<>());
            for (ASN1OctetString v : a.getRawValues()) {
                String key = normalise(name, v);
                if (key != null) {
                    values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(entry);
                }
            }
        }
    }

    List<Entry> equal(String attribute, ASN1OctetString value) {
        String name = rules.canonical(attribute);
        String key = normalise(name, value);
        TreeMap<String, List<Entry>> values = byAttribute.get(name);
        return key == null || values == null ? List.of() : values.getOrDefault(key, List.of());
    }

    /** Entries with a value of the attribute starting with {@code prefix} (normalised like the equality rule). */
    List<Entry> startingWith(String attribute, ASN1OctetString prefix) {
        String name = rules.canonical(attribute);
        String key = normalise(name, prefix);
        TreeMap<String, List<Entry>> values = byAttribute.get(name);
        if (key == null || values == null) {
            return List.of();
        }
        // A normalised prefix may have lost a trailing space; widen by it, the full check narrows again.
        List<Entry> out = new ArrayList<>();
        values.subMap(key, true, key + Character.MAX_VALUE, false).values().forEach(out::addAll);
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
