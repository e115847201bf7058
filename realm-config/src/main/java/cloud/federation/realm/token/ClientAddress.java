package cloud.federation.realm.token;

import io.vertx.core.http.HttpServerRequest;

/** The caller's IP address (the proxy's view when proxy headers are trusted), for throttling and audit. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
