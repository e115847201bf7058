package cloud.federation.ldap.tree;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the schema says values of an attribute compare, in one place for the filter evaluator, the indexes and the
 * attribute lists: any of a type's names or its OID name the same attribute; strings are NFKC-normalised first
 * (RFC 4518 §2.2); telephone numbers ignore spaces and hyphens only (RFC 4518 §2.6.2); object classes compare by
 * identity, so a class's OID equals its name (RFC 4517 §4.2.26).
 */
public final class AttributeRules {

    private static final String TELEPHONE_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.50";
    private static final String OCTET_STRING_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.40";
    private static final String DN_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.12";

    private static final AttributeRules STANDARD = new AttributeRules(DirectorySchema.get());

    private final Schema schema;
    /** What the schema says about each attribute name seen, resolved once (index builds ask millions of times). */
    private final Map<String, Type> types = new ConcurrentHashMap<>();

    /** One attribute type as comparisons need it; {@code canonical} is null for a type the schema lacks. */
    private record Type(String canonical, boolean hasEquality, boolean hasSubstring, boolean telephone,
                        boolean octets, boolean objectClass, boolean dn, MatchingRule equality, MatchingRule substring) {
    }

    /**
     * Normalised forms of DN values (memberOf, member, manager): few distinct ones, each parsed as a DN on every
     * comparison otherwise. Bounded; cleared when full.
     */
    private final Map<String, String> dnValues = new ConcurrentHashMap<>();
    private static final int DN_CACHE_MAX = 100_000;

    private AttributeRules(Schema schema) {
        this.schema = schema;
    }

    public static AttributeRules standard() {
        return STANDARD;
    }

    static AttributeRules of(Schema schema) {
        return schema == STANDARD.schema ? STANDARD : new AttributeRules(schema);
    }

    private Type type(String attribute) {
        Type known = types.get(attribute);
        return known != null ? known : types.computeIfAbsent(attribute, this::resolve);
    }

    private Type resolve(String attribute) {
        AttributeTypeDefinition t = schema.getAttributeType(attribute);
        if (t == null) {
            return new Type(null, false, false, false, false, false, false, null, null);
        }
        String canonical = t.getNameOrOID().toLowerCase(Locale.ROOT);
        String syntax = t.getBaseSyntaxOID(schema);
        return new Type(canonical, t.getEqualityMatchingRule(schema) != null, t.getSubstringMatchingRule(schema) != null,
                TELEPHONE_SYNTAX.equals(syntax), OCTET_STRING_SYNTAX.equals(syntax), "objectclass".equals(canonical),
                DN_SYNTAX.equals(syntax), MatchingRule.selectEqualityMatchingRule(attribute, schema),
                MatchingRule.selectSubstringMatchingRule(attribute, schema));
    }

    /** The type's primary name, lower-cased (the name our entries use), or null for a type the schema lacks. */
    public String canonical(String attribute) {
        return type(attribute).canonical;
    }

    boolean hasEquality(String attribute) {
        return type(attribute).hasEquality;
    }

    boolean hasSubstring(String attribute) {
        return type(attribute).hasSubstring;
    }

    /** The value as the attribute's equality rule normalises it; an exception means the value has the wrong syntax. */
    String normalise(String attribute, ASN1OctetString value) throws LDAPException {
        Type type = type(attribute);
        if (type.objectClass) {
            ObjectClassDefinition oc = schema.getObjectClass(value.stringValue().strip());
            return oc == null ? value.stringValue().strip().toLowerCase(Locale.ROOT)
                    : oc.getNameOrOID().toLowerCase(Locale.ROOT);
        }
        if (type.telephone) {
            return telephone(value.stringValue());
        }
        if (type.dn) {
            String raw = value.stringValue();
            String known = dnValues.get(raw);
            if (known != null) {
                return known;
            }
            String normalised = type.equality.normalize(prepared(type, value)).stringValue();
            if (dnValues.size() >= DN_CACHE_MAX) {
                dnValues.clear();
            }
            dnValues.put(raw, normalised);
            return normalised;
        }
        return type.equality.normalize(prepared(type, value)).stringValue();
    }

    /** Substring match with the attribute's substring rule, after the same preparation as equality. */
    boolean matchesSubstring(String attribute, ASN1OctetString value, ASN1OctetString initial, ASN1OctetString[] any,
                             ASN1OctetString last) throws LDAPException {
        Type type = type(attribute);
        if (type.telephone) {
            String v = telephone(value.stringValue());
            int at = 0;
            if (initial != null) {
                String i = piece(initial);
                if (!v.startsWith(i)) {
                    return false;
                }
                at = i.length();
            }
            for (ASN1OctetString a : any) {
                int found = v.indexOf(piece(a), at);
                if (found < 0) {
                    return false;
                }
                at = found + piece(a).length();
            }
            return last == null || (v.length() - at >= piece(last).length() && v.endsWith(piece(last)));
        }
        ASN1OctetString[] preparedAny = new ASN1OctetString[any.length];
        for (int k = 0; k < any.length; k++) {
            preparedAny[k] = prepared(type, any[k]);
        }
        return type.substring.matchesSubstring(prepared(type, value), initial == null ? null : prepared(type, initial),
                preparedAny, last == null ? null : prepared(type, last));
    }

    /** A substring piece that is empty once spaces and hyphens are gone matches nothing (RFC 4518 §2.6.2). */
    private static String piece(ASN1OctetString value) throws LDAPException {
        String p = telephone(value.stringValue());
        if (p.isEmpty()) {
            throw new LDAPException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "empty telephone number substring");
        }
        return p;
    }

    private static ASN1OctetString prepared(Type type, ASN1OctetString value) {
        if (type.octets) {
            return value;
        }
        String text = value.stringValue();
        if (isAscii(text)) {
            return value; // NFKC leaves ASCII as it is; most values are
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return nfkc.equals(text) ? value : new ASN1OctetString(nfkc);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String telephone(String value) {
        String nfkc = isAscii(value) ? value : Normalizer.normalize(value, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (c != ' ' && c != '-' && c != '\u2010' && c != '\u2011' && c != '\u2212') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
