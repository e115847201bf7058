package cloud.federation.realm.domain.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DNS wire format (RFC 1035 §4) for one question: TXT, class IN, of one name. Only what a stub resolver needs:
 * encode the query, and read back the TXT records whose owner is exactly that name. Records for any other owner (a
 * CNAME target a recursive resolver followed, glue, additional data) are ignored, so a domain is proven only by a
 * record published at the domain itself.
 */
final class DnsMessage {

    static final int TYPE_TXT = 16;
    static final int CLASS_IN = 1;
    static final int RCODE_NOERROR = 0;
    static final int RCODE_NXDOMAIN = 3;

    private static final int HEADER = 12;
    /** More compression jumps than labels a 255-byte name can have means a loop. */
    private static final int MAX_JUMPS = 128;

    private DnsMessage() {
    }

    /** A recursive (RD) query for the TXT records of {@code name} (canonical, dot-separated, no trailing dot). */
    static byte[] txtQuery(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + name.length() + 6);
        writeShort(out, id);
        writeShort(out, 0x0100);
        writeShort(out, 1);
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        for (String label : labels(name)) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("not a DNS name: " + name);
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        writeShort(out, TYPE_TXT);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    /**
     * Reads an answer to {@link #txtQuery}. Answers {@code null} when the message is not the answer to this query
     * (other id, not a response, another question): a stray or spoofed datagram, to be ignored while waiting.
     *
     * @throws DnsLookupException when it is the answer but malformed or an error other than NXDOMAIN
     */
    static Answer parseTxtAnswer(byte[] message, int length, int id, String name) throws DnsLookupException {
        Reader in = new Reader(message, length);
        if (length < HEADER || in.u16(0) != id) {
            return null;
        }
        int flags = in.u16(2);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xF;
        if (!response || opcode != 0 || in.u16(4) != 1) {
            return null;
        }
        boolean truncated = (flags & 0x0200) != 0;
        int rcode = flags & 0xF;
        int answers = in.u16(6);
        List<String> expected = labels(name);
        in.position = HEADER;
        List<String> question = in.name();
        int qtype = in.u16();
        int qclass = in.u16();
        if (!question.equals(expected) || qtype != TYPE_TXT || qclass != CLASS_IN) {
            return null;
        }
        if (rcode != RCODE_NOERROR && rcode != RCODE_NXDOMAIN) {
            throw new DnsLookupException("answered " + rcodeName(rcode));
        }
        if (truncated) {
            return new Answer(true, rcode == RCODE_NXDOMAIN, List.of());
        }
        List<String> records = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            List<String> owner = in.name();
            int type = in.u16();
            int rrClass = in.u16();
            in.skip(4);
            int rdLength = in.u16();
            int end = in.position + rdLength;
            if (end > length) {
                throw new DnsLookupException("sent a malformed answer (record data beyond the message)");
            }
            if (type == TYPE_TXT && rrClass == CLASS_IN && owner.equals(expected)) {
                records.add(in.characterStrings(end));
            }
            in.position = end;
        }
        return new Answer(false, rcode == RCODE_NXDOMAIN, List.copyOf(records));
    }

    /**
     * What the server said: {@code truncated} asks for a retry over TCP; {@code noSuchDomain} is NXDOMAIN; each
     * record is one TXT record of the name, its character-strings joined as RFC 7208 §3.3 does.
     */
    record Answer(boolean truncated, boolean noSuchDomain, List<String> records) {
    }

    static String rcodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            default -> "RCODE " + rcode;
        };
    }

    /** Labels lower-cased, compared as lists so that a label containing a dot never equals two labels. */
    private static List<String> labels(String name) {
        List<String> labels = new ArrayList<>();
        for (String label : name.split("\\.", -1)) {
            labels.add(label.toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    private static final class Reader {
        private final byte[] data;
        private final int length;
        int position;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        int u8(int at) throws DnsLookupException {
            if (at >= length) {
                throw new DnsLookupException("sent a malformed answer (cut short)");
            }
            return data[at] & 0xFF;
        }

        int u16(int at) throws DnsLookupException {
            return (u8(at) << 8) | u8(at + 1);
        }

        int u16() throws DnsLookupException {
            int value = u16(position);
            position += 2;
            return value;
        }

        void skip(int bytes) throws DnsLookupException {
            u8(position + bytes - 1);
            position += bytes;
        }

        /** A possibly compressed name (RFC 1035 §4.1.4); leaves the position after its in-place part. */
        List<String> name() throws DnsLookupException {
            List<String> labels = new ArrayList<>();
            int at = position;
            int resumeAt = -1;
            int jumps = 0;
            while (true) {
                int len = u8(at);
                if ((len & 0xC0) == 0xC0) {
                    int target = ((len & 0x3F) << 8) | u8(at + 1);
                    if (resumeAt < 0) {
                        resumeAt = at + 2;
                    }
                    if (++jumps > MAX_JUMPS || target >= length) {
                        throw new DnsLookupException("sent a malformed answer (bad name compression)");
                    }
                    at = target;
                } else if ((len & 0xC0) != 0) {
                    throw new DnsLookupException("sent a malformed answer (unknown label type)");
                } else if (len == 0) {
                    position = resumeAt >= 0 ? resumeAt : at + 1;
                    return labels;
                } else {
                    u8(at + len);
                    labels.add(new String(data, at + 1, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
                    at += len + 1;
                }
            }
        }

        /** TXT RDATA: one or more length-prefixed strings that must fill it exactly. */
        String characterStrings(int end) throws DnsLookupException {
            StringBuilder text = new StringBuilder();
            int at = position;
            while (at < end) {
                int len = u8(at);
                if (at + 1 + len > end) {
                    throw new DnsLookupException("sent a malformed answer (TXT string beyond its record)");
                }
                text.append(new String(data, at + 1, len, StandardCharsets.UTF_8));
                at += len + 1;
            }
            return text.toString();
        }
    }
}
