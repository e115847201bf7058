package cloud.federation.server.console.session;

import cloud.federation.realm.token.Issuers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site form posts),
 * Secure whenever the console is reached over TLS, scoped to the console's path, and a session cookie (the server
 * decides when the session ends).
 */
@ApplicationScoped
public class ConsoleCookies {

    public static final String SESSION = "federation_console";

    @Inject
    Issuers issuers;

    public NewCookie session(String value, UriInfo uri) {
        return build(value, uri, -1);
    }

    public NewCookie expired(UriInfo uri) {
        return build("", uri, 0);
    }

    private NewCookie build(String value, UriInfo uri, int maxAge) {
        return cookie(value, issuers.baseUrl(uri), maxAge);
    }

    /** Secure when the public base URL (configured, or as the proxy forwarded it) is https. */
    static NewCookie cookie(String value, String publicBaseUrl, int maxAge) {
        return new NewCookie.Builder(SESSION).value(value).path(ConsoleSessionFilter.PREFIX).httpOnly(true)
                .secure(publicBaseUrl.startsWith("https:")).sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge).build();
    }
}
