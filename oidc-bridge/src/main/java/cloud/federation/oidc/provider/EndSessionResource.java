package cloud.federation.oidc.provider;

import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
    @Context
    HttpHeaders headers;

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
            return LoginPages.error(page(null), 404, LoginError.UNKNOWN_SIGN_OUT_ADDRESS, null);
        }
        String hint = params.getFirst("id_token_hint");
        String redirect = params.getFirst("post_logout_redirect_uri");
        JWTClaimsSet claims = null;
        if (hint != null) {
            try {
                claims = tokens.verifySignatureOnly(realm, hint);
            } catch (SuiteTokens.InvalidTokenException e) {
                return LoginPages.error(page(realm), 400, LoginError.INVALID_SIGN_OUT, null);
            }
        }
        String clientId = params.getFirst("client_id");
        if (claims != null) {
            String azp = (String) claims.getClaim("azp");
            if (clientId != null && !clientId.equals(azp)) {
                return LoginPages.error(page(realm), 400, LoginError.INVALID_SIGN_OUT, null);
            }
            clientId = azp;
        }
        if (redirect != null) {
            ClientEntity client = clientId == null ? null : ClientEntity.findByClientId(realm, clientId).orElse(null);
            if (client == null || !postLogoutUris(client).contains(redirect)) {
                return LoginPages.error(page(realm), 400, LoginError.SIGN_OUT_RETURN_NOT_REGISTERED, null);
            }
        }
        if (claims != null) {
            LoginSessionEntity session = LoginSessionEntity.findById(claims.getClaim("sid"));
            if (session != null && session.realm.id.equals(realm.id) && session.revokedAt == null) {
                session.revokedAt = Instant.now();
            }
        }
        if (redirect == null) {
            return LoginPages.error(page(realm), 200, LoginError.SIGNED_OUT, null);
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

    private PageContext page(RealmEntity realm) {
        return PageContext.of(headers, uri, realm);
    }
}
