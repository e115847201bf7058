package cloud.federation.ldap.tree;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.schema.Schema;

import java.util.Comparator;

/**
 * Server-side sort order (RFC 2891): each key compares with its attribute's ordering rule (or the named one),
 * a multi-valued attribute sorts by its least value (greatest when reversed), and entries without the attribute
 * come last whatever the direction.
 */
public final class SortOrder {

    private SortOrder() {
    }

    /** The comparator for these keys; {@code inappropriateMatching} when a named rule is unknown. */
    public static Comparator<Entry> of(SortKey[] keys) throws LDAPException {
        Schema schema = DirectorySchema.get();
        Comparator<Entry> order = (a, b) -> 0;
        for (SortKey key : keys) {
            MatchingRule rule;
            if (key.getMatchingRuleID() != null) {
                if (schema.getMatchingRule(key.getMatchingRuleID()) == null) {
                    throw new LDAPException(ResultCode.INAPPROPRIATE_MATCHING, key.getAttributeName());
                }
                rule = MatchingRule.selectOrderingMatchingRule(key.getMatchingRuleID(), schema);
            } else {
                rule = MatchingRule.selectOrderingMatchingRule(key.getAttributeName(), schema);
            }
            order = order.thenComparing(byKey(key, rule));
        }
        return order;
    }

    private static Comparator<Entry> byKey(SortKey key, MatchingRule rule) {
        Comparator<ASN1OctetString> values = (x, y) -> compare(rule, x, y);
        Comparator<ASN1OctetString> direction = key.reverseOrder() ? values.reversed() : values;
        return (a, b) -> {
            ASN1OctetString va = first(a.getAttribute(key.getAttributeName()), direction);
            ASN1OctetString vb = first(b.getAttribute(key.getAttributeName()), direction);
            if (va == null || vb == null) {
                return va == null ? (vb == null ? 0 : 1) : -1;
            }
            return direction.compare(va, vb);
        };
    }

    private static ASN1OctetString first(Attribute attribute, Comparator<ASN1OctetString> order) {
        if (attribute == null || attribute.size() == 0) {
            return null;
        }
        ASN1OctetString best = null;
        for (ASN1OctetString v : attribute.getRawValues()) {
            if (best == null || order.compare(v, best) < 0) {
                best = v;
            }
        }
        return best;
    }

    private static int compare(MatchingRule rule, ASN1OctetString x, ASN1OctetString y) {
        try {
            return rule.compareValues(x, y);
        } catch (LDAPException e) {
            // A value the rule cannot order (say, text in an integer attribute) sorts by its bytes.
            return x.stringValue().compareTo(y.stringValue());
        }
    }
}
