package cloud.federation.ldap.protocol;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.LDAPException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client socket that writes whatever bytes a test builds (oversized, malformed, pipelined) and reads the server's
 * answers as LDAP messages, the way no well-behaved client library would let us.
 */
final class RawLdapSocket implements AutoCloseable {

    static final String NOTICE_OF_DISCONNECTION = "1.3.6.1.4.1.1466.20036";

    /** What the server did after the test stopped sending. */
    record Ending(List<LDAPMessage> said, boolean closed) {

        boolean noticeOfDisconnection() {
            return said.stream().anyMatch(RawLdapSocket::isNoticeOfDisconnection);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ASN1StreamReader reader;

    RawLdapSocket(String host, int port, int soTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(soTimeoutMillis);
        socket.setTcpNoDelay(true);
        // One buffered stream for both the message reader and the raw drain, so neither loses the other's bytes.
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        reader = new ASN1StreamReader(in, 64 * 1024 * 1024);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(LDAPMessage... messages) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (LDAPMessage m : messages) {
            all.writeBytes(encode(m));
        }
        send(all.toByteArray());
    }

    /** Sends, tolerating the server hanging up mid-write (it may close as soon as it has read a header). */
    boolean sendQuietly(byte[] bytes) {
        try {
            send(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next message, or null at end of stream; a socket timeout fails with an exception. */
    LDAPMessage read() throws LDAPException {
        return LDAPMessage.readFrom(reader, false);
    }

    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already reset by the server
        }
    }

    /**
     * Reads until the server closes the connection (end of stream or reset); {@code closed} is false when the
     * socket timeout passed first, i.e. the server neither answered nor hung up.
     */
    Ending awaitEnd() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean closed;
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    closed = true;
                    break;
                }
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            closed = true; // connection reset: the server closed with our bytes unread
        }
        return new Ending(decodeAll(got.toByteArray()), closed);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to release
        }
    }

    static boolean isNoticeOfDisconnection(LDAPMessage m) {
        return m.getMessageID() == 0 && m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_EXTENDED_RESPONSE
                && NOTICE_OF_DISCONNECTION.equals(m.getExtendedResponseProtocolOp().getResponseOID());
    }

    static byte[] encode(LDAPMessage m) {
        return m.encode().encode();
    }

    /** Whole messages in {@code bytes}; a trailing fragment (a reset cut the stream) is ignored. */
    static List<LDAPMessage> decodeAll(byte[] bytes) {
        List<LDAPMessage> out = new ArrayList<>();
        ASN1StreamReader r = new ASN1StreamReader(new ByteArrayInputStream(bytes), Integer.MAX_VALUE);
        try {
            for (LDAPMessage m = LDAPMessage.readFrom(r, true); m != null; m = LDAPMessage.readFrom(r, true)) {
                out.add(m);
            }
        } catch (LDAPException e) {
            // a fragment
        }
        return out;
    }

    // ---- BER by hand, for PDUs the client library would refuse to build ----

    static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        }
        if (length < 0x100) {
            return 2;
        }
        if (length < 0x10000) {
            return 3;
        }
        return length < 0x1000000 ? 4 : 5;
    }

    static void writeLength(ByteArrayOutputStream o, int length) {
        int n = lengthOfLength(length) - 1;
        if (n == 0) {
            o.write(length);
            return;
        }
        o.write(0x80 | n);
        for (int i = n - 1; i >= 0; i--) {
            o.write((length >>> (8 * i)) & 0xff);
        }
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(value.length + 6);
        o.write(tag);
        writeLength(o, value.length);
        o.writeBytes(value);
        return o.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /**
     * {@code (!(!(…(objectClass=*)…)))} with {@code depth} NOTs (context tag 0xA2) around a present filter (0x87),
     * built inside out by lengths so 100,000 levels cost one pass, not 100,000 copies.
     */
    static byte[] nestedNotFilter(int depth) {
        byte[] present = tlv(0x87, "objectClass".getBytes(StandardCharsets.US_ASCII));
        int[] lengths = new int[depth + 1];
        lengths[0] = present.length;
        for (int i = 1; i <= depth; i++) {
            lengths[i] = 1 + lengthOfLength(lengths[i - 1]) + lengths[i - 1];
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(lengths[depth]);
        for (int i = depth; i >= 1; i--) {
            o.write(0xA2);
            writeLength(o, lengths[i - 1]);
        }
        o.writeBytes(present);
        return o.toByteArray();
    }

    /**
     * LDAPMessage ::= SEQUENCE { messageID INTEGER, SearchRequest [APPLICATION 3] { baseObject, scope subtree,
     * derefAliases never, sizeLimit 0, timeLimit 0, typesOnly FALSE, filter, attributes {} } }.
     */
    static byte[] searchRequest(int messageId, String base, byte[] filter) {
        byte[] body = concat(
                tlv(0x04, base.getBytes(StandardCharsets.UTF_8)),
                new byte[]{0x0a, 1, 2, 0x0a, 1, 0, 0x02, 1, 0, 0x02, 1, 0, 0x01, 1, 0},
                filter,
                new byte[]{0x30, 0});
        return tlv(0x30, concat(new byte[]{0x02, 1, (byte) messageId}, tlv(0x63, body)));
    }
}
