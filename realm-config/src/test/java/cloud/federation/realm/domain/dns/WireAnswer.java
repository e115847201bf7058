package cloud.federation.realm.domain.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds DNS answers the way a resolver writes them, for the tests of our reader: the question copied from the query,
 * owner names either as a pointer to it or spelled out, any record type.
 */
final class WireAnswer {

    static final int POINTER_TO_QUESTION = 0xC00C;

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private int id;
    private byte[] question;
    private int flags = 0x8180;
    private int answerCount;

    /** An answer to {@code query}: same id and question, NOERROR, recursion available. */
    static WireAnswer to(byte[] query) {
        WireAnswer answer = new WireAnswer();
        answer.id = ((query[0] & 0xFF) << 8) | (query[1] & 0xFF);
        answer.question = Arrays.copyOfRange(query, 12, query.length);
        return answer;
    }

    WireAnswer id(int newId) {
        id = newId;
        return this;
    }

    WireAnswer rcode(int rcode) {
        flags = (flags & ~0xF) | rcode;
        return this;
    }

    WireAnswer truncated() {
        flags |= 0x0200;
        return this;
    }

    WireAnswer notAResponse() {
        flags &= ~0x8000;
        return this;
    }

    WireAnswer question(byte[] otherQuestion) {
        question = otherQuestion;
        return this;
    }

    /** A TXT record at the queried name (compressed owner) made of these character-strings. */
    WireAnswer txt(String... strings) {
        return record(pointer(), 16, txtData(strings));
    }

    /** A TXT record at another name, spelled out. */
    WireAnswer txtAt(String owner, String... strings) {
        return record(name(owner), 16, txtData(strings));
    }

    WireAnswer record(byte[] owner, int type, byte[] data) {
        records.writeBytes(owner);
        short16(records, type);
        short16(records, 1);
        records.writeBytes(new byte[] {0, 0, 0, 60});
        short16(records, data.length);
        records.writeBytes(data);
        answerCount++;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short16(out, id);
        short16(out, flags);
        short16(out, 1);
        short16(out, answerCount);
        short16(out, 0);
        short16(out, 0);
        out.writeBytes(question);
        out.writeBytes(records.toByteArray());
        return out.toByteArray();
    }

    static byte[] pointer() {
        return new byte[] {(byte) (POINTER_TO_QUESTION >> 8), (byte) POINTER_TO_QUESTION};
    }

    /** A dotted name in uncompressed form. */
    static byte[] name(String dotted) {
        return labels(dotted.split("\\."));
    }

    /** A name in uncompressed form, labels exactly as given (one may contain a dot). */
    static byte[] labels(String... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : labels) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    static byte[] txtData(String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
