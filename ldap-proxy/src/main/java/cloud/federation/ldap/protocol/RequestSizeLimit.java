package cloud.federation.ldap.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches the BER framing of the LDAP messages a client sends and fails the stream as soon as one announces more
 * than {@code max} bytes, before anything buffers it. The listener enforces its limit itself on LDAPS, but the
 * SDK replaces its reader after StartTLS with one that has only the library's 20 MB default.
 */
final class RequestSizeLimit extends FilterInputStream {

    private final long max;
    /** 0: expecting a tag; 1: the first length byte; 2: long-form length bytes; 3: content. */
    private int state;
    private int lengthBytesLeft;
    private long length;
    private long contentLeft;

    RequestSizeLimit(InputStream in, int max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    private void see(int b) throws IOException {
        switch (state) {
            case 0 -> state = 1;
            case 1 -> {
                if (b < 0x80) {
                    begin(b);
                } else {
                    lengthBytesLeft = b & 0x7F;
                    if (lengthBytesLeft == 0 || lengthBytesLeft > 4) {
                        throw new IOException("unsupported BER length form");
                    }
                    length = 0;
                    state = 2;
                }
            }
            case 2 -> {
                length = (length << 8) | b;
                if (--lengthBytesLeft == 0) {
                    begin(length);
                }
            }
            default -> {
                if (--contentLeft == 0) {
                    state = 0;
                }
            }
        }
    }

    private void begin(long contentLength) throws IOException {
        if (contentLength > max) {
            throw new IOException("request of " + contentLength + " bytes exceeds the limit of " + max);
        }
        contentLeft = contentLength;
        state = contentLength == 0 ? 0 : 3;
    }
}
