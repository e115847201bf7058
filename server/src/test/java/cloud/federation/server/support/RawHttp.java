package cloud.federation.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one HTTP/1.1 request from a chosen loopback source address (127.0.0.x), so per-address rules can be tested
 * without the requests of other tests counting against the same address.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Reply(int status, String body) {
    }

    public static Reply postForm(String sourceAddress, int port, String path, String form) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port,
                InetAddress.getByName(sourceAddress), 0)) {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Reply(status, split < 0 ? "" : response.substring(split + 4));
        }
    }
}
