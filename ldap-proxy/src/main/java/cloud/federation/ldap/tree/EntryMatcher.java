package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * RFC 4515 filter evaluation with the schema's matching rules (via the SDK), plus the Active Directory rules suites
 * written for AD use: {@code 1.2.840.113556.1.4.1941} (membership through nested groups) and {@code …803}/{@code …804}
 * (bitwise AND/OR, typically on userAccountControl).
 */
final class EntryMatcher {

    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    static final String BIT_AND = "1.2.840.113556.1.4.803";
    static final String BIT_OR = "1.2.840.113556.1.4.804";

    private final RealmTree tree;
    private final Schema schema;

    EntryMatcher(RealmTree tree, Schema schema) {
        this.tree = tree;
        this.schema = schema;
    }

    boolean matches(Entry entry, Filter filter) {
        switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND -> {
                for (Filter c : filter.getComponents()) {
                    if (!matches(entry, c)) {
                        return false;
                    }
                }
                return true;
            }
            case Filter.FILTER_TYPE_OR -> {
                for (Filter c : filter.getComponents()) {
                    if (matches(entry, c)) {
                        return true;
                    }
                }
                return false;
            }
            case Filter.FILTER_TYPE_NOT -> {
                return !matches(entry, filter.getNOTComponent());
            }
            case Filter.FILTER_TYPE_EXTENSIBLE_MATCH -> {
                return extensible(entry, filter);
            }
            case Filter.FILTER_TYPE_APPROXIMATE_MATCH -> {
                return approximately(entry, filter);
            }
            default -> {
                return sdk(entry, filter);
            }
        }
    }

    private boolean extensible(Entry entry, Filter filter) {
        String rule = filter.getMatchingRuleID();
        String attribute = filter.getAttributeName();
        if (IN_CHAIN.equals(rule) && attribute != null) {
            DN target;
            try {
                target = new DN(filter.getAssertionValue());
            } catch (LDAPException e) {
                return false;
            }
            DN self = DirectoryNames.of(entry);
            if (attribute.equalsIgnoreCase("memberOf")) {
                return tree.groupsInChain(self).contains(target);
            }
            if (attribute.equalsIgnoreCase("member")) {
                return tree.groupsInChain(target).contains(self);
            }
            return false;
        }
        if ((BIT_AND.equals(rule) || BIT_OR.equals(rule)) && attribute != null) {
            long mask;
            try {
                mask = Long.parseLong(filter.getAssertionValue().strip());
            } catch (NumberFormatException e) {
                return false;
            }
            Attribute a = entry.getAttribute(attribute);
            if (a == null) {
                return false;
            }
            for (String v : a.getValues()) {
                try {
                    long value = Long.parseLong(v.strip());
                    if (BIT_AND.equals(rule) ? (value & mask) == mask : (value & mask) != 0) {
                        return true;
                    }
                } catch (NumberFormatException notANumber) {
                    // not an integer value: no match
                }
            }
            return false;
        }
        return sdk(entry, filter);
    }

    /**
     * The SDK has no approximate matching; like directory servers without a phonetic index, we treat {@code ~=} as
     * equality under the attribute's equality rule.
     */
    private boolean approximately(Entry entry, Filter filter) {
        Attribute a = entry.getAttribute(filter.getAttributeName());
        if (a == null) {
            return false;
        }
        com.unboundid.ldap.matchingrules.MatchingRule rule =
                com.unboundid.ldap.matchingrules.MatchingRule.selectEqualityMatchingRule(filter.getAttributeName(), schema);
        for (com.unboundid.asn1.ASN1OctetString v : a.getRawValues()) {
            try {
                if (rule.valuesMatch(v, filter.getRawAssertionValue())) {
                    return true;
                }
            } catch (LDAPException e) {
                // a value the rule cannot compare does not match
            }
        }
        return false;
    }

    /** Undefined (an unknown matching rule, a malformed assertion) is "no match" for a positive test. */
    private boolean sdk(Entry entry, Filter filter) {
        try {
            return filter.matchesEntry(entry, schema);
        } catch (LDAPException e) {
            return false;
        }
    }
}
