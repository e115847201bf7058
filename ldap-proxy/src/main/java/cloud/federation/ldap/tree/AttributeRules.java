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

/**
 * How the schema says values of an attribute compare, in one place for the filter evaluator, the indexes and the
 * attribute lists: any of a type's names or its OID name the same attribute; strings are NFKC-normalised first
 * (RFC 4518 §2.2); telephone numbers ignore spaces and hyphens only (RFC 4518 §2.6.2); object classes compare by
 * identity, so a class's OID equals its name (RFC 4517 §4.2.26).
 */
public final class AttributeRules {

    private static final String TELEPHONE_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.50";
    private static final String OCTET_STRING_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.40";

    private final Schema schema;

    AttributeRules(Schema schema) {
        this.schema = schema;
    }

    public static AttributeRules standard() {
        return new AttributeRules(DirectorySchema.get());
    }

    /** The type's primary name, lower-cased (the name our entries use), or null for a type the schema lacks. */
    public String canonical(String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        return type == null ? null : type.getNameOrOID().toLowerCase(Locale.ROOT);
    }

    boolean hasEquality(String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        return type != null && type.getEqualityMatchingRule(schema) != null;
    }

    boolean hasSubstring(String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        return type != null && type.getSubstringMatchingRule(schema) != null;
    }

    /** The value as the attribute's equality rule normalises it; an exception means the value has the wrong syntax. */
    String normalise(String attribute, ASN1OctetString value) throws LDAPException {
        String name = canonical(attribute);
        if ("objectclass".equals(name)) {
            ObjectClassDefinition oc = schema.getObjectClass(value.stringValue().strip());
            return oc == null ? value.stringValue().strip().toLowerCase(Locale.ROOT)
                    : oc.getNameOrOID().toLowerCase(Locale.ROOT);
        }
        if (isTelephone(attribute)) {
            return telephone(value.stringValue());
        }
        return MatchingRule.selectEqualityMatchingRule(attribute, schema).normalize(prepared(attribute, value)).stringValue();
    }

    /** Substring match with the attribute's substring rule, after the same preparation as equality. */
    boolean matchesSubstring(String attribute, ASN1OctetString value, ASN1OctetString initial, ASN1OctetString[] any,
                             ASN1OctetString last) throws LDAPException {
        if (isTelephone(attribute)) {
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
        MatchingRule rule = MatchingRule.selectSubstringMatchingRule(attribute, schema);
        ASN1OctetString[] preparedAny = new ASN1OctetString[any.length];
        for (int k = 0; k < any.length; k++) {
            preparedAny[k] = prepared(attribute, any[k]);
        }
        return rule.matchesSubstring(prepared(attribute, value), initial == null ? null : prepared(attribute, initial),
                preparedAny, last == null ? null : prepared(attribute, last));
    }

    /** A substring piece that is empty once spaces and hyphens are gone matches nothing (RFC 4518 §2.6.2). */
    private static String piece(ASN1OctetString value) throws LDAPException {
        String p = telephone(value.stringValue());
        if (p.isEmpty()) {
            throw new LDAPException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "empty telephone number substring");
        }
        return p;
    }

    private boolean isTelephone(String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        return type != null && TELEPHONE_SYNTAX.equals(type.getBaseSyntaxOID(schema));
    }

    private ASN1OctetString prepared(String attribute, ASN1OctetString value) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        if (type != null && OCTET_STRING_SYNTAX.equals(type.getBaseSyntaxOID(schema))) {
            return value;
        }
        String text = value.stringValue();
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return nfkc.equals(text) ? value : new ASN1OctetString(nfkc);
    }

    private static String telephone(String value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
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
