package cloud.federation.realm.domain.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsMessageTest {

    private static final String NAME = "contoso.example";
    private static final int ID = 0x4A2B;
    private static final byte[] QUERY = DnsMessage.txtQuery(ID, NAME);

    private static DnsMessage.Answer parse(byte[] message) throws DnsLookupException {
        return DnsMessage.parseTxtAnswer(message, message.length, ID, NAME);
    }

    @Test
    void queryAsksRecursivelyForTxtInOfExactlyTheName() {
        byte[] expected = {0x4A, 0x2B, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                7, 'c', 'o', 'n', 't', 'o', 's', 'o', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 16, 0, 1};
        assertArrayEquals(expected, QUERY);
    }

    @Test
    void readsEachTxtRecordWithItsStringsJoined() throws Exception {
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY)
                .txt("v=spf1 -all")
                .txt("federation-verification=", "abc", "def")
                .txt("")
                .bytes());
        assertEquals(List.of("v=spf1 -all", "federation-verification=abcdef", ""), answer.records());
        assertFalse(answer.noSuchDomain());
        assertFalse(answer.truncated());
    }

    @Test
    void ownerNamesCompareCaseInsensitivelyWhetherCompressedOrNot() throws Exception {
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY).txtAt("CONTOSO.Example", "spelled out").txt("pointer").bytes());
        assertEquals(List.of("spelled out", "pointer"), answer.records());
    }

    @Test
    void recordsOfOtherNamesOrTypesAreIgnored() throws Exception {
        // What a recursive resolver sends for a CNAME: the alias, then the target's TXT records.
        byte[] target = WireAnswer.name("verify.attacker.example");
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY)
                .record(WireAnswer.pointer(), 5, target)
                .txtAt("verify.attacker.example", "federation-verification=abc")
                .txtAt("sub.contoso.example", "federation-verification=abc")
                .record(WireAnswer.pointer(), 1, new byte[] {127, 0, 0, 1})
                .record(WireAnswer.pointer(), 99, WireAnswer.txtData("federation-verification=abc"))
                .bytes());
        assertEquals(List.of(), answer.records());
    }

    @Test
    void aLabelContainingADotIsNotTwoLabels() throws Exception {
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY)
                .record(WireAnswer.labels("contoso.example"), 16, WireAnswer.txtData("federation-verification=abc"))
                .bytes());
        assertEquals(List.of(), answer.records());
    }

    @Test
    void nxdomainMeansTheNameDoesNotExist() throws Exception {
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY).rcode(3).bytes());
        assertTrue(answer.noSuchDomain());
        assertEquals(List.of(), answer.records());
    }

    @Test
    void serverErrorsAreFailuresNotAnswers() {
        assertEquals("answered SERVFAIL", assertThrows(DnsLookupException.class,
                () -> parse(WireAnswer.to(QUERY).rcode(2).bytes())).getMessage());
        assertEquals("answered REFUSED", assertThrows(DnsLookupException.class,
                () -> parse(WireAnswer.to(QUERY).rcode(5).bytes())).getMessage());
    }

    @Test
    void messagesThatAreNotTheAnswerToThisQueryAreIgnored() throws Exception {
        assertNull(parse(WireAnswer.to(QUERY).id(ID + 1).txt("federation-verification=abc").bytes()));
        assertNull(parse(WireAnswer.to(QUERY).notAResponse().txt("federation-verification=abc").bytes()));
        byte[] otherQuestion = DnsMessage.txtQuery(ID, "other.example");
        assertNull(parse(WireAnswer.to(otherQuestion).txt("federation-verification=abc").bytes()));
        byte[] aQuestion = QUERY.clone();
        aQuestion[aQuestion.length - 3] = 1; // qtype A
        assertNull(parse(WireAnswer.to(aQuestion).bytes()));
        assertNull(parse(new byte[] {0x4A, 0x2B, (byte) 0x81}));
    }

    @Test
    void truncatedAnswersAskForTcp() throws Exception {
        DnsMessage.Answer answer = parse(WireAnswer.to(QUERY).truncated().txt("partial").bytes());
        assertTrue(answer.truncated());
        assertEquals(List.of(), answer.records());
    }

    @Test
    void malformedAnswersAreFailures() {
        byte[] whole = WireAnswer.to(QUERY).txt("federation-verification=abc").bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        assertTrue(assertThrows(DnsLookupException.class, () -> parse(cut)).getMessage().startsWith("sent a malformed answer"));

        byte[] loop = WireAnswer.to(QUERY).record(new byte[] {(byte) 0xC0, (byte) (QUERY.length)}, 16,
                WireAnswer.txtData("x")).bytes();
        // The owner name points at itself.
        assertThrows(DnsLookupException.class, () -> parse(loop));

        byte[] overlong = WireAnswer.to(QUERY).record(WireAnswer.pointer(), 16, new byte[] {20, 'a', 'b'}).bytes();
        assertThrows(DnsLookupException.class, () -> parse(overlong));
    }
}
