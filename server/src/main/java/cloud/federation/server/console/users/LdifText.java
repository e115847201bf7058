package cloud.federation.server.console.users;

import cloud.federation.ldap.tree.DirectorySchema;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.util.Base64;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * An entry as LDIF-like text, one {@code attribute: value} line per value in the order LDAP sends them. Values of
 * binary syntax (objectGUID), and values that are not printable text, are shown as {@code attribute:: base64} like
 * ldapsearch does. Unlike strict LDIF, readable non-ASCII text (names with accents) stays as it is, and long lines
 * are not folded: the page is for reading, not for ldapmodify.
 */
public final class LdifText {

    /** Octet String and Binary syntaxes: no text to show, whatever bytes a value happens to hold. */
    private static final Set<String> BINARY_SYNTAXES = Set.of("1.3.6.1.4.1.1466.115.121.1.40",
            "1.3.6.1.4.1.1466.115.121.1.5");

    private LdifText() {
    }

    public static String of(Entry entry) {
        StringBuilder out = new StringBuilder();
        line(out, "dn", new ASN1OctetString(entry.getDN()), false);
        for (Attribute a : entry.getAttributes()) {
            boolean binary = binary(a.getBaseName());
            for (ASN1OctetString value : a.getRawValues()) {
                line(out, a.getName(), value, binary);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, ASN1OctetString value, boolean binary) {
        String text = binary ? null : text(value.getValue());
        if (text == null) {
            out.append(name).append(":: ").append(Base64.encode(value.getValue())).append('\n');
        } else {
            out.append(name).append(": ").append(text).append('\n');
        }
    }

    private static boolean binary(String attribute) {
        if (attribute.toLowerCase(Locale.ROOT).endsWith(";binary")) {
            return true;
        }
        AttributeTypeDefinition type = DirectorySchema.get().getAttributeType(attribute);
        String syntax = type == null ? null : type.getBaseSyntaxOID(DirectorySchema.get());
        return syntax != null && BINARY_SYNTAXES.contains(syntax);
    }

    /** The value as text if it is valid UTF-8 that LDIF could carry unencoded apart from its charset; else null. */
    private static String text(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (s.isEmpty()) {
            return s;
        }
        char first = s.charAt(0);
        if (first == ' ' || first == ':' || first == '<' || s.charAt(s.length() - 1) == ' ') {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return null;
            }
        }
        return s;
    }
}
