package cloud.federation.server.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real HTTP server on loopback that serves fixed documents, standing in for an IdP's metadata host. */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;

    public DocumentServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body}; any {@code {base}} inside is replaced by this server's base URL. */
    public DocumentServer serve(String path, String contentType, String body) {
        byte[] bytes = body.replace("{base}", url("")).getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
