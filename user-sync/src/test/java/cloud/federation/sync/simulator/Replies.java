package cloud.federation.sync.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Ways to answer (or not answer) an exchange, including the broken ones the fault injection needs. */
final class Replies {

    private Replies() {
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = body == null || body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Thrown out of a handler to make the JDK server close the connection: it does so for any exception a handler
     * throws, and there is no other way to reach the socket.
     */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("connection deliberately broken", null, false, false);
        }
    }

    /**
     * Promises the whole body in Content-Length but sends only half, then breaks the connection: the client sees a
     * premature end of stream after a 200, as when a proxy or the service dies mid-response. Always throws
     * {@link Abort}; handlers let it propagate.
     */
    static void sendHalf(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // Closing the stream instead would leave the keep-alive connection open with the client waiting for the rest.
        throw new Abort();
    }

    /**
     * Closes the connection without a status line. The JDK server closes the socket when an exchange ends before
     * response headers were sent, so the client gets an end of stream (or a reset) instead of an answer.
     */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }
}
