package cloud.federation.server.console.signin;

import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.token.AdminPrincipal;
import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.token.Issuers;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleCookies;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import cloud.federation.server.console.session.ConsoleSessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;

/** The console's side of sign-in and sign-out: the redirect URI that redeems the code, and logout. */
@Path(ConsoleSessionFilter.PREFIX)
public class ConsoleSignInResource {

    private static final Logger LOG = Logger.getLogger(ConsoleSignInResource.class);

    @Inject
    ConsoleSessions sessions;
    @Inject
    ConsoleCookies cookies;
    @Inject
    Issuers issuers;
    @Inject
    ConsolePages pages;
    @Inject
    Console console;
    @Inject
    AuditLog audit;
    @Context
    UriInfo uri;
    @Context
    io.vertx.core.http.HttpServerRequest http;

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error,
                             @CookieParam(ConsoleCookies.SESSION) String cookie) {
        if (error != null) {
            return pages.error(400, "Sign-in did not complete. Open the console again to retry.");
        }
        String redirectUri = ConsoleSessionFilter.callbackUri(issuers.baseUrl(uri));
        return sessions.completeSignIn(cookie, state, code, redirectUri)
                .map(signedIn -> {
                    LOG.info("Console sign-in completed");
                    // In the master realm's audit log: who opened a console session, from where.
                    AdminPrincipal who = new AdminPrincipal(signedIn.userId(), signedIn.username(),
                            signedIn.managedRealm(), ClientAddress.of(http));
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> audit.record(who, "master",
                            AuditLog.Operation.ACTION, "ADMIN_CONSOLE_SESSION", "console/sign-in", null));
                    return ConsolePages.secured(Response.seeOther(URI.create(ConsoleSessionFilter.PREFIX)))
                            .cookie(cookies.session(signedIn.cookieValue(), uri)).build();
                })
                .orElseGet(() -> pages.error(400,
                        "This sign-in is not valid any more (it was used, expired, or started in another browser). "
                                + "Open the console again to sign in."));
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("csrf") String csrf, @CookieParam(ConsoleCookies.SESSION) String cookie) {
        console.checkCsrf(csrf);
        sessions.end(cookie);
        return ConsolePages.secured(Response.seeOther(URI.create(ConsoleSessionFilter.PREFIX + "/signed-out")))
                .cookie(cookies.expired(uri)).build();
    }

    @GET
    @Path("signed-out")
    public Response signedOut() {
        return pages.page(200, "signed-out.html", Map.of());
    }
}
