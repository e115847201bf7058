package cloud.federation.ldap.tree;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * RFC 4511 §4.5.1.7 filter evaluation, three-valued: a test the server cannot decide (an attribute type the schema
 * lacks, a value of the wrong syntax, a matching rule it does not know) is Undefined, and NOT of Undefined stays
 * Undefined, so {@code (!(userAccountControl=abc))} returns nothing. Comparisons follow {@link AttributeRules}.
 * Beyond the standard, the Active Directory rules suites written for AD use: {@code 1.2.840.113556.1.4.1941}
 * (membership through nested groups) and {@code …803}/{@code …804} (bitwise AND/OR, typically on
 * userAccountControl). Ordering on strings without an ORDERING rule (say {@code (cn>=m)}) compares them
 * case-insensitively, as AD does, where RFC 4511 would say Undefined.
 */
final class EntryMatcher {

    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    static final String BIT_AND = "1.2.840.113556.1.4.803";
    static final String BIT_OR = "1.2.840.113556.1.4.804";

    private enum Truth {
        TRUE, FALSE, UNDEFINED;

        static Truth of(boolean b) {
            return b ? TRUE : FALSE;
        }
    }

    private final RealmTree tree;
    private final Schema schema;
    private final AttributeRules rules;

    EntryMatcher(RealmTree tree, Schema schema) {
        this.tree = tree;
        this.schema = schema;
        this.rules = AttributeRules.of(schema);
    }

    boolean matches(Entry entry, Filter filter) {
        return evaluate(entry, filter) == Truth.TRUE;
    }

    private Truth evaluate(Entry entry, Filter filter) {
        switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND -> {
                Truth result = Truth.TRUE;
                for (Filter c : filter.getComponents()) {
                    Truth t = evaluate(entry, c);
                    if (t == Truth.FALSE) {
                        return Truth.FALSE;
                    }
                    if (t == Truth.UNDEFINED) {
                        result = Truth.UNDEFINED;
                    }
                }
                return result;
            }
            case Filter.FILTER_TYPE_OR -> {
                Truth result = Truth.FALSE;
                for (Filter c : filter.getComponents()) {
                    Truth t = evaluate(entry, c);
                    if (t == Truth.TRUE) {
                        return Truth.TRUE;
                    }
                    if (t == Truth.UNDEFINED) {
                        result = Truth.UNDEFINED;
                    }
                }
                return result;
            }
            case Filter.FILTER_TYPE_NOT -> {
                Truth t = evaluate(entry, filter.getNOTComponent());
                return t == Truth.UNDEFINED ? t : Truth.of(t == Truth.FALSE);
            }
            case Filter.FILTER_TYPE_PRESENCE -> {
                return Truth.of(attribute(entry, filter.getAttributeName()) != null);
            }
            case Filter.FILTER_TYPE_EQUALITY, Filter.FILTER_TYPE_APPROXIMATE_MATCH -> {
                // No phonetic index: like directory servers without one, approximate is equality.
                return equality(entry, filter.getAttributeName(), filter.getRawAssertionValue());
            }
            case Filter.FILTER_TYPE_SUBSTRING -> {
                return substring(entry, filter);
            }
            case Filter.FILTER_TYPE_GREATER_OR_EQUAL, Filter.FILTER_TYPE_LESS_OR_EQUAL -> {
                return ordering(entry, filter);
            }
            case Filter.FILTER_TYPE_EXTENSIBLE_MATCH -> {
                return extensible(entry, filter);
            }
            default -> {
                return Truth.UNDEFINED;
            }
        }
    }

    private Attribute attribute(Entry entry, String name) {
        String canonical = rules.canonical(name);
        return canonical == null ? null : entry.getAttribute(canonical);
    }

    private Truth equality(Entry entry, String attribute, ASN1OctetString assertion) {
        if (!rules.hasEquality(attribute)) {
            return Truth.UNDEFINED;
        }
        String wanted;
        try {
            wanted = rules.normalise(attribute, assertion);
        } catch (LDAPException e) {
            return Truth.UNDEFINED;
        }
        Attribute a = attribute(entry, attribute);
        if (a == null) {
            return Truth.FALSE;
        }
        for (ASN1OctetString v : a.getRawValues()) {
            try {
                if (rules.normalise(attribute, v).equals(wanted)) {
                    return Truth.TRUE;
                }
            } catch (LDAPException e) {
                // a stored value the rule cannot read matches nothing
            }
        }
        return Truth.FALSE;
    }

    private Truth substring(Entry entry, Filter filter) {
        String attribute = filter.getAttributeName();
        if (!rules.hasSubstring(attribute)) {
            return Truth.UNDEFINED;
        }
        Attribute a = attribute(entry, attribute);
        if (a == null) {
            return Truth.FALSE;
        }
        try {
            for (ASN1OctetString v : a.getRawValues()) {
                if (rules.matchesSubstring(attribute, v, filter.getRawSubInitialValue(), filter.getRawSubAnyValues(),
                        filter.getRawSubFinalValue())) {
                    return Truth.TRUE;
                }
            }
        } catch (LDAPException e) {
            return Truth.UNDEFINED;
        }
        return Truth.FALSE;
    }

    private Truth ordering(Entry entry, Filter filter) {
        String attribute = filter.getAttributeName();
        if (rules.canonical(attribute) == null) {
            return Truth.UNDEFINED;
        }
        MatchingRule rule = MatchingRule.selectOrderingMatchingRule(attribute, schema);
        Attribute a = attribute(entry, attribute);
        if (a == null) {
            return Truth.FALSE;
        }
        boolean greater = filter.getFilterType() == Filter.FILTER_TYPE_GREATER_OR_EQUAL;
        boolean undefined = false;
        for (ASN1OctetString v : a.getRawValues()) {
            try {
                int c = rule.compareValues(v, filter.getRawAssertionValue());
                if (greater ? c >= 0 : c <= 0) {
                    return Truth.TRUE;
                }
            } catch (LDAPException e) {
                undefined = true;
            }
        }
        return undefined ? Truth.UNDEFINED : Truth.FALSE;
    }

    private Truth extensible(Entry entry, Filter filter) {
        String rule = filter.getMatchingRuleID();
        String attribute = filter.getAttributeName();
        if (IN_CHAIN.equals(rule) && attribute != null) {
            return inChain(entry, attribute, filter.getAssertionValue());
        }
        if ((BIT_AND.equals(rule) || BIT_OR.equals(rule)) && attribute != null) {
            return bitwise(entry, attribute, rule, filter.getAssertionValue());
        }
        if (rule == null) {
            Truth onAttribute = attribute == null ? Truth.FALSE : equality(entry, attribute, filter.getRawAssertionValue());
            return filter.getDNAttributes() && onAttribute != Truth.TRUE
                    ? or(onAttribute, inDn(entry, attribute, null, filter.getRawAssertionValue())) : onAttribute;
        }
        if (schema.getMatchingRule(rule) == null) {
            return Truth.UNDEFINED;
        }
        MatchingRule named = MatchingRule.selectEqualityMatchingRule(rule);
        Truth result = Truth.FALSE;
        if (attribute != null) {
            result = valuesMatch(attribute(entry, attribute), named, filter.getRawAssertionValue());
        } else {
            for (Attribute a : entry.getAttributes()) {
                result = or(result, valuesMatch(a, named, filter.getRawAssertionValue()));
            }
        }
        return filter.getDNAttributes() && result != Truth.TRUE
                ? or(result, inDn(entry, attribute, named, filter.getRawAssertionValue())) : result;
    }

    private static Truth valuesMatch(Attribute a, MatchingRule rule, ASN1OctetString assertion) {
        if (a == null) {
            return Truth.FALSE;
        }
        for (ASN1OctetString v : a.getRawValues()) {
            try {
                if (rule.valuesMatch(v, assertion)) {
                    return Truth.TRUE;
                }
            } catch (LDAPException e) {
                // a value this rule cannot read does not match
            }
        }
        return Truth.FALSE;
    }

    /** {@code :dn:} also matches the attribute values that make up the entry's DN (RFC 4511 §4.5.1.7.7). */
    private Truth inDn(Entry entry, String attribute, MatchingRule named, ASN1OctetString assertion) {
        for (RDN rdn : DirectoryNames.of(entry).getRDNs()) {
            String[] names = rdn.getAttributeNames();
            String[] values = rdn.getAttributeValues();
            for (int i = 0; i < names.length; i++) {
                String canonical = rules.canonical(names[i]);
                if (attribute != null && (canonical == null || !canonical.equals(rules.canonical(attribute)))) {
                    continue;
                }
                MatchingRule rule = named != null ? named : MatchingRule.selectEqualityMatchingRule(names[i], schema);
                try {
                    if (rule.valuesMatch(new ASN1OctetString(values[i]), assertion)) {
                        return Truth.TRUE;
                    }
                } catch (LDAPException e) {
                    // not comparable
                }
            }
        }
        return Truth.FALSE;
    }

    private static Truth or(Truth a, Truth b) {
        if (a == Truth.TRUE || b == Truth.TRUE) {
            return Truth.TRUE;
        }
        return a == Truth.UNDEFINED || b == Truth.UNDEFINED ? Truth.UNDEFINED : Truth.FALSE;
    }

    private Truth inChain(Entry entry, String attribute, String value) {
        DN target;
        try {
            target = new DN(value);
        } catch (LDAPException e) {
            return Truth.UNDEFINED;
        }
        DN self = DirectoryNames.of(entry);
        if (attribute.equalsIgnoreCase("memberOf")) {
            return Truth.of(tree.groupsInChain(self).contains(target));
        }
        if (attribute.equalsIgnoreCase("member")) {
            return Truth.of(tree.groupsInChain(target).contains(self));
        }
        return Truth.UNDEFINED;
    }

    private Truth bitwise(Entry entry, String attribute, String rule, String value) {
        long mask;
        try {
            mask = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Truth.UNDEFINED;
        }
        Attribute a = attribute(entry, attribute);
        if (a == null) {
            return rules.canonical(attribute) == null ? Truth.UNDEFINED : Truth.FALSE;
        }
        for (String v : a.getValues()) {
            try {
                long n = Long.parseLong(v.strip());
                if (BIT_AND.equals(rule) ? (n & mask) == mask : (n & mask) != 0) {
                    return Truth.TRUE;
                }
            } catch (NumberFormatException notANumber) {
                // not an integer value: no match
            }
        }
        return Truth.FALSE;
    }
}
