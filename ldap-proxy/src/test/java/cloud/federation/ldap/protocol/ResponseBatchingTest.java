package cloud.federation.ldap.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseBatchingTest {

    /** The socket's side: every write call it receives, as a separate chunk. */
    static final class Writes extends OutputStream {
        final List<byte[]> chunks = new ArrayList<>();
        int flushes;
        boolean closed;

        @Override
        public synchronized void write(int b) {
            chunks.add(new byte[]{(byte) b});
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            chunks.add(Arrays.copyOfRange(b, off, off + len));
        }

        @Override
        public synchronized void flush() {
            flushes++;
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        synchronized byte[] all() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }

    static byte[] message(int seq, int size) {
        byte[] m = new byte[size];
        Arrays.fill(m, (byte) seq);
        return m;
    }

    @Test
    void unheldWritesGoOutAsTheyCome() throws IOException {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        out.write(message(1, 10));
        out.write(7);
        out.write(message(2, 30), 5, 20);
        assertEquals(3, socket.chunks.size());
        assertArrayEquals(message(1, 10), socket.chunks.get(0));
        assertArrayEquals(new byte[]{7}, socket.chunks.get(1));
        assertArrayEquals(message(2, 20), socket.chunks.get(2));
    }

    @Test
    void heldWritesWaitUntilTheWriteAfterTheReleaseAndGoOutWithItInOneWrite() throws IOException {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        out.hold();
        for (int i = 0; i < 20; i++) {
            out.write(message(i, 100));
            sent.writeBytes(message(i, 100));
        }
        out.write(42);
        sent.write(42);
        assertTrue(socket.chunks.isEmpty(), "nothing leaves while held and under a record");
        out.release();
        assertTrue(socket.chunks.isEmpty(), "the release alone sends nothing: the search's result follows");
        out.write(message(99, 12));
        sent.writeBytes(message(99, 12));
        assertEquals(1, socket.chunks.size(), "entries and result in one write");
        assertArrayEquals(sent.toByteArray(), socket.all());
    }

    @Test
    void heldWritesGoOutOneFullTlsRecordAtATimeInOrder() throws IOException {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        out.hold();
        for (int i = 0; i < 1_000; i++) {
            byte[] entry = message(i, 100 + i % 50);
            out.write(entry);
            sent.writeBytes(entry);
        }
        int records = sent.size() / ResponseBatching.RECORD;
        assertEquals(records, socket.chunks.size(), "1,000 entries, " + sent.size() + " bytes");
        socket.chunks.forEach(c -> assertEquals(ResponseBatching.RECORD, c.length));
        out.release();
        out.write(message(1, 20));
        sent.writeBytes(message(1, 20));
        assertEquals(records + 1, socket.chunks.size());
        assertArrayEquals(sent.toByteArray(), socket.all(), "the bytes and their order are untouched");
    }

    @Test
    void aWriteLargerThanARecordFollowsWhatIsHeldWithoutWaiting() throws IOException {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        out.hold();
        out.write(message(1, 10));
        out.write(message(2, 3 * ResponseBatching.RECORD));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(message(1, 10));
        sent.writeBytes(message(2, 3 * ResponseBatching.RECORD));
        assertArrayEquals(sent.toByteArray(), socket.all(), "nothing of it stays behind");
    }

    @Test
    void flushAndClosePushOutWhatIsHeld() throws IOException {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        out.hold();
        out.write(message(1, 10));
        out.flush();
        assertArrayEquals(message(1, 10), socket.all());
        assertEquals(1, socket.flushes);
        out.write(message(2, 10));
        out.close();
        assertEquals(20, socket.all().length);
        assertTrue(socket.closed);
    }

    /**
     * The connection's thread writes a search's entries under a hold while another thread writes notices: every
     * message arrives whole, and each thread's messages in the order it wrote them.
     */
    @Test
    void concurrentWritersNeitherSplitNorReorderEachOthersMessages() throws Exception {
        Writes socket = new Writes();
        ResponseBatching out = new ResponseBatching(socket);
        int messages = 5_000;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> searches = threads.submit(() -> {
                start.await();
                for (int i = 0; i < messages; i++) {
                    if (i % 100 == 0) {
                        out.hold();
                    }
                    out.write(framed(1, i));
                    if (i % 100 == 99) {
                        out.release();
                    }
                }
                return null;
            });
            Future<?> notices = threads.submit(() -> {
                start.await();
                for (int i = 0; i < messages; i++) {
                    out.write(framed(2, i));
                }
                return null;
            });
            start.countDown();
            searches.get(30, TimeUnit.SECONDS);
            notices.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        out.flush();
        ByteBuffer all = ByteBuffer.wrap(socket.all());
        int[] next = new int[3];
        while (all.hasRemaining()) {
            byte writer = all.get();
            int seq = all.getInt();
            byte[] body = new byte[FRAMED_BODY];
            all.get(body);
            assertEquals(next[writer]++, seq, "writer " + writer + "'s messages in order");
            assertArrayEquals(message(writer, FRAMED_BODY), body, "a whole message");
        }
        assertEquals(messages, next[1]);
        assertEquals(messages, next[2]);
    }

    static final int FRAMED_BODY = 91;

    static byte[] framed(int writer, int seq) {
        return ByteBuffer.allocate(1 + 4 + FRAMED_BODY).put((byte) writer).putInt(seq).put(message(writer, FRAMED_BODY))
                .array();
    }
}
