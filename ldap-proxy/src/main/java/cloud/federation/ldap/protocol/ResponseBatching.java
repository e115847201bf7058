package cloud.federation.ldap.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A TLS connection's output, which the request handler holds while it sends the entries of a search. The listener
 * writes every message straight to the socket, so a search of n entries would cost n TLS records, n write calls and
 * n TCP segments; held, the entries go out in full records, and the first write after the release (the
 * SearchResultDone) takes what is left along with it.
 *
 * <p>Synchronized: the listener writes on the connection's thread, but a notice of disconnection comes from another.
 */
final class ResponseBatching extends OutputStream {

    /**
     * What fills one TLS record from the JDK: 2^14 bytes (RFC 5246 §6.2.1), less the 17 its TLS 1.3 records keep
     * for the inner content type and 16 bytes of padding. A write of 2^14 would cost a full record and a tiny one.
     */
    static final int RECORD = 16_367;

    private final OutputStream out;
    private final byte[] buffer = new byte[RECORD];
    private int count;
    private boolean held;

    ResponseBatching(OutputStream out) {
        this.out = out;
    }

    /** Until {@link #release()}, writes only go out a full record at a time. */
    synchronized void hold() {
        held = true;
    }

    /** Writes go out again as they come, the next one with whatever the hold left behind. */
    synchronized void release() {
        held = false;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (count == 0 && (len >= RECORD || !held)) {
                // Copying would only delay it.
                out.write(b, off, len);
                return;
            }
            int n = Math.min(len, RECORD - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == RECORD) {
                drain();
            }
        }
        if (!held) {
            drain();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        int n = count;
        count = 0;
        if (n > 0) {
            out.write(buffer, 0, n);
        }
    }
}
