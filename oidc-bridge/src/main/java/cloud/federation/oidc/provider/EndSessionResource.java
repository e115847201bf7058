package cloud.federation.oidc.provider;

import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginPages;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the session named by {@code id_token_hint}
 * and returns to {@code post_logout_redirect_uri} only when it exactly matches one registered for that client.
 */
@Path("/realms/{realm}/protocol/openid-connect/logout")
public class EndSessionResource {

    @Inject
    SuiteTokens tokens;

    @PathParam("realm")
    String realmName;
    @Context
    UriInfo uri;

    @GET
    @Transactional
    public Response get() {
        return logout(uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response post(MultivaluedMap<String, String> form) {
        return logout(form);
    }

    private Response logout(MultivaluedMap<String, String> params) {
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        if (realm == null) {
            return LoginPages.error(404, "Unknown organisation", "This sign-out address is not valid.", null);
        }
        String hint = params.getFirst("id_token_hint");
        String redirect = params.getFirst("post_logout_redirect_uri");
        JWTClaimsSet claims = null;
        if (hint != null) {
            try {
                claims = tokens.verifySignatureOnly(realm, hint);
            } catch (SuiteTokens.InvalidTokenException e) {
                return LoginPages.error(400, "Invalid sign-out request", "The sign-out request is not valid.", null);
            }
        }
        String clientId = params.getFirst("client_id");
        if (claims != null) {
            String azp = (String) claims.getClaim("azp");
            if (clientId != null && !clientId.equals(azp)) {
                return LoginPages.error(400, "Invalid sign-out request", "The sign-out request is not valid.", null);
            }
            clientId = azp;
        }
        if (redirect != null) {
            ClientEntity client = clientId == null ? null : ClientEntity.findByClientId(realm, clientId).orElse(null);
            if (client == null || !postLogoutUris(client).contains(redirect)) {
                return LoginPages.error(400, "Invalid sign-out request",
                        "The application's return address after sign-out is not registered.", null);
            }
        }
        if (claims != null) {
            LoginSessionEntity session = LoginSessionEntity.findById(claims.getClaim("sid"));
            if (session != null && session.realm.id.equals(realm.id) && session.revokedAt == null) {
                session.revokedAt = Instant.now();
            }
        }
        if (redirect == null) {
            return LoginPages.error(200, "Signed out", "You have been signed out of the application.", null);
        }
        Map<String, String> response = new HashMap<>();
        response.put("state", params.getFirst("state"));
        return Response.seeOther(RedirectUris.with(redirect, response)).build();
    }

    private static java.util.List<String> postLogoutUris(ClientEntity client) {
        return client.postLogoutRedirectUris.contains("+")
                ? java.util.stream.Stream.concat(client.postLogoutRedirectUris.stream(), client.redirectUris.stream()).toList()
                : client.postLogoutRedirectUris;
    }
}
