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
     * Promises the whole body in Content-Length but sends only half, then closes: the client sees a premature end of
     * stream after a 200, as when a proxy or the service dies mid-response.
     */
    static void sendHalf(HttpExchange exchange, int status, String contentType, byte[] body) {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing a fixed-length stream early makes the JDK server drop the connection; that is the point.
            out.close();
        } catch (IOException expected) {
            // "insufficient bytes written to stream": the connection is already gone.
        } finally {
            exchange.close();
        }
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
