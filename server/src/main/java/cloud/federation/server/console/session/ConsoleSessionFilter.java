package cloud.federation.server.console.session;

import cloud.federation.realm.admin.AdminContext;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.token.AdminAuthorizationCodes;
import cloud.federation.realm.token.AdminPrincipal;
import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.token.Issuers;
import cloud.federation.server.console.ConsolePages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code /admin/console} request but the sign-in callback needs a live console session of an enabled admin.
 * Without one, a page request starts a sign-in at the master realm (authorization code + PKCE against ourselves)
 * and anything else is refused. State-changing requests must also come from our own pages: a browser that says the
 * request is cross-site (Sec-Fetch-Site, Origin) is refused before the form's CSRF token is even looked at.
 */
public class ConsoleSessionFilter {

    public static final String PREFIX = "/admin/console";
    static final Set<String> OPEN = Set.of(PREFIX + "/callback", PREFIX + "/signed-out");

    @Inject
    ConsoleSessions sessions;
    @Inject
    ConsoleCookies cookies;
    @Inject
    Issuers issuers;
    @Inject
    AdminContext adminContext;
    @Inject
    Console console;
    @Inject
    ConsolePages pages;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals(PREFIX) || path.startsWith(PREFIX + "/")) || OPEN.contains(path)) {
            return Optional.empty();
        }
        boolean safe = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!safe && crossSite(request)) {
            return Optional.of(pages.error(403, "This request did not come from the console's own pages."));
        }
        Cookie cookie = request.getCookies().get(ConsoleCookies.SESSION);
        Optional<Signed> signed = QuarkusTransaction.requiringNew().call(() -> signedIn(cookie));
        if (signed.isEmpty()) {
            // Only a page the browser navigates to starts a sign-in; a script's fetch (the filter preview) or a form
            // post is told that the session ended, instead of following a redirect to the sign-in page.
            String mode = request.getHeaderString("Sec-Fetch-Mode");
            if (!safe || mode != null && !mode.equals("navigate")) {
                return Optional.of(pages.error(401, "Your console session has ended. Sign in again."));
            }
            return Optional.of(startSignIn(request, cookie == null ? null : cookie.getValue()));
        }
        Signed s = signed.get();
        adminContext.set(new AdminPrincipal(s.user().id, s.user().username, s.user().managedRealm, ClientAddress.of(http)));
        console.set(adminContext.principal(), s.csrf(), s.sessionHash());
        return Optional.empty();
    }

    private record Signed(AdminUserEntity user, String csrf, String sessionHash) {
    }

    private Optional<Signed> signedIn(Cookie cookie) {
        Optional<ConsoleSessionEntity> session = sessions.find(cookie == null ? null : cookie.getValue())
                .filter(s -> s.adminUserId != null);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        AdminUserEntity user = AdminUserEntity.findById(session.get().adminUserId);
        // Disabled, deleted, or a new password since sign-in: the session ends (the latter as admins expect after
        // changing a password they fear was seen).
        if (user == null || !user.enabled
                || !ConsoleSessions.sameText(session.get().credentialStamp, ConsoleSessions.credentialStamp(user))) {
            return Optional.empty();
        }
        sessions.touch(session.get());
        return Optional.of(new Signed(user, session.get().csrfToken, session.get().idHash));
    }

    private Response startSignIn(ContainerRequestContext request, String cookieValue) {
        ConsoleSessions.PendingSignIn pending = sessions.startSignIn(cookieValue);
        URI authorize = UriBuilder.fromUri(issuers.issuer(request.getUriInfo(), "master") + "/protocol/openid-connect/auth")
                .queryParam("client_id", AdminAuthorizationCodes.CONSOLE_CLIENT)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", callbackUri(issuers.baseUrl(request.getUriInfo())))
                .queryParam("state", pending.state())
                .queryParam("code_challenge", pending.codeChallenge())
                .queryParam("code_challenge_method", "S256")
                .build();
        return Response.seeOther(authorize)
                .cookie(cookies.session(pending.cookieValue(), request.getUriInfo()))
                .header("Cache-Control", "no-store").build();
    }

    /** The console's one redirect URI; the sign-in page accepts no other for the console client. */
    public static String callbackUri(String baseUrl) {
        return baseUrl + PREFIX + "/callback";
    }

    private boolean crossSite(ContainerRequestContext request) {
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return false; // not a browser, or one that sends neither header: the CSRF token still has to match
        }
        return !sameOrigin(origin, issuers.baseUrl(request.getUriInfo()));
    }

    /** Origins compared as browsers serialise them: lower-case scheme and host, default ports left out. */
    static boolean sameOrigin(String origin, String baseUrl) {
        try {
            return normalised(URI.create(origin)).equals(normalised(URI.create(baseUrl)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalised(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        if (port == ("https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -2)) {
            port = -1;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return scheme + "://" + host + (port == -1 ? "" : ":" + port);
    }
}
