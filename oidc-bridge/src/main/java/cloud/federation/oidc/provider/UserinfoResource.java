package cloud.federation.oidc.provider;

import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.token.Issuers;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;

/** OIDC userinfo (GET, or POST with the token in the header or the form body, RFC 6750 §2). */
@Path("/realms/{realm}/protocol/openid-connect/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public class UserinfoResource {

    @Inject
    SuiteTokens tokens;
    @Inject
    Issuers issuers;

    @PathParam("realm")
    String realmName;
    @Context
    UriInfo uri;

    @GET
    @Transactional
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userinfo(bearer(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @FormParam("access_token") String formToken) {
        String header = bearer(authorization);
        if (header != null && formToken != null) {
            return invalid("invalid_request", "Send the access token once");
        }
        return userinfo(header != null ? header : formToken);
    }

    @POST
    public Response postWithoutBody(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return get(authorization);
    }

    private Response userinfo(String token) {
        if (token == null || token.isBlank()) {
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realmName + "\"").build();
        }
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        if (realm == null) {
            return invalid("invalid_token", "Unknown realm");
        }
        JWTClaimsSet claims;
        try {
            claims = tokens.verify(realm, token, issuers.issuer(uri, realm.name), SuiteTokens.ACCESS);
        } catch (SuiteTokens.InvalidTokenException e) {
            return invalid("invalid_token", "Invalid or expired access token");
        }
        LoginSessionEntity session = LoginSessionEntity.findById(claims.getClaim("sid"));
        if (session == null || !session.activeAt(Instant.now())) {
            return invalid("invalid_token", "The sign-on session has ended");
        }
        return Response.ok(SuiteTokens.profile(session.user).toJSONObject()).header("Cache-Control", "no-store").build();
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    private Response invalid(String error, String description) {
        return Response.status("invalid_request".equals(error) ? 400 : 401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realmName + "\", error=\"" + error
                        + "\", error_description=\"" + description + "\"")
                .type(MediaType.APPLICATION_JSON)
                .entity(java.util.Map.of("error", error, "error_description", description)).build();
    }
}
