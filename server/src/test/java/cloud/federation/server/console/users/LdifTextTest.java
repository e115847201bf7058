package cloud.federation.server.console.users;

import com.unboundid.ldap.sdk.Entry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the console writes an entry: text as text, binary syntax and unsafe values in base64. */
class LdifTextTest {

    @Test
    void binarySyntaxIsBase64EvenWhenItsBytesLookLikeText() {
        Entry e = new Entry("uid=u1,ou=users,o=r,dc=federation,dc=cloud");
        e.addAttribute("cn", "Zoë Smith");
        byte[] guidThatIsAscii = "abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
        e.addAttribute("objectGUID", guidThatIsAscii);
        e.addAttribute("description", " leading space", "line\nbreak");
        e.addAttribute("entryUUID", "0e1d6a7c-0000-3000-8000-000000000000");
        assertEquals("dn: uid=u1,ou=users,o=r,dc=federation,dc=cloud\n"
                + "cn: Zoë Smith\n"
                + "objectGUID:: " + Base64.getEncoder().encodeToString(guidThatIsAscii) + "\n"
                + "description:: " + Base64.getEncoder().encodeToString(" leading space".getBytes(StandardCharsets.UTF_8)) + "\n"
                + "description:: " + Base64.getEncoder().encodeToString("line\nbreak".getBytes(StandardCharsets.UTF_8)) + "\n"
                + "entryUUID: 0e1d6a7c-0000-3000-8000-000000000000\n", LdifText.of(e));
    }

    @Test
    void bytesThatAreNotUtf8AreBase64() {
        Entry e = new Entry("uid=u2,ou=users,o=r,dc=federation,dc=cloud");
        e.addAttribute("description", new byte[]{(byte) 0xff, (byte) 0xfe, 0x41});
        assertEquals("dn: uid=u2,ou=users,o=r,dc=federation,dc=cloud\ndescription:: //5B\n", LdifText.of(e));
    }
}
