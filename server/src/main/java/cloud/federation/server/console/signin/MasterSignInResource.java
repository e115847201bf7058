package cloud.federation.server.console.signin;

import cloud.federation.realm.token.AdminAuthorizationCodes;
import cloud.federation.realm.token.AdminCredentials;
import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.token.Issuers;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The master realm's authorization endpoint: a username and password form for master-realm admins, answering the
 * console with an authorization code. Suites' realms keep their own endpoint (identifier-first, upstream IdPs); this
 * path is the more specific match for {@code master} only.
 */
@Path("/realms/master/protocol/openid-connect/auth")
public class MasterSignInResource {

    @Inject
    AdminCredentials credentials;
    @Inject
    AdminAuthorizationCodes codes;
    @Inject
    Issuers issuers;
    @Inject
    ConsolePages pages;
    @Context
    UriInfo uri;
    @Context
    HttpServerRequest http;

    @GET
    public Response form(@QueryParam("client_id") String clientId, @QueryParam("response_type") String responseType,
                         @QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
                         @QueryParam("code_challenge") String challenge,
                         @QueryParam("code_challenge_method") String method) {
        ConsoleAuthorizationRequest request = new ConsoleAuthorizationRequest(clientId, responseType, redirectUri,
                state, challenge, method);
        return refusal(request).orElseGet(() -> signInPage(200, request, null, ""));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("client_id") String clientId, @FormParam("response_type") String responseType,
                           @FormParam("redirect_uri") String redirectUri, @FormParam("state") String state,
                           @FormParam("code_challenge") String challenge,
                           @FormParam("code_challenge_method") String method,
                           @FormParam("username") String username, @FormParam("password") String password) {
        ConsoleAuthorizationRequest request = new ConsoleAuthorizationRequest(clientId, responseType, redirectUri,
                state, challenge, method);
        Optional<Response> refused = refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return signInPage(400, request, "Enter your username and password.", username);
        }
        return credentials.check(username.trim(), password, ClientAddress.of(http))
                .map(user -> {
                    String code = codes.issue(user, request.clientId(), request.redirectUri(), request.codeChallenge());
                    return ConsolePages.secured(Response.seeOther(UriBuilder.fromUri(request.redirectUri())
                            .queryParam("code", code).queryParam("state", request.state())
                            .queryParam("iss", issuers.issuer(uri, "master")).build())).build();
                })
                // One message for every failure: unknown user, wrong password, disabled, locked out.
                .orElseGet(() -> signInPage(401, request, "Invalid username or password.", username));
    }

    private Optional<Response> refusal(ConsoleAuthorizationRequest request) {
        String expected = ConsoleSessionFilter.callbackUri(issuers.baseUrl(uri));
        return request.problem(expected).map(problem -> pages.error(400, problem));
    }

    private Response signInPage(int status, ConsoleAuthorizationRequest request, String error, String username) {
        Map<String, Object> data = new HashMap<>();
        data.put("request", request);
        data.put("error", error);
        data.put("username", username == null ? "" : username);
        return pages.page(status, "signin.html", data);
    }
}
