package cloud.federation.realm.token;

import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The master realm's token endpoint: {@code admin-cli} (password and refresh_token grants) and the console's
 * {@code admin-console} (authorization_code with PKCE).
 */
@Path("/realms/master/protocol/openid-connect/token")
public class AdminTokenResource {


    @Inject
    AdminTokens tokens;
    @Inject
    AdminCredentials credentials;
    @Inject
    AdminAuthorizationCodes codes;
    @Inject
    Issuers issuers;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                          @FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("refresh_token") String refreshToken, @FormParam("code") String code,
                          @FormParam("redirect_uri") String redirectUri, @FormParam("code_verifier") String verifier,
                          @Context UriInfo uri, @Context HttpServerRequest http) {
        if (grantType == null || grantType.isBlank()) {
            return OAuthError.of(400, "invalid_request", "Missing form parameter: grant_type");
        }
        RealmEntity master = RealmEntity.findByName(AdminTokens.MASTER).orElseThrow();
        String issuer = issuers.issuer(uri, AdminTokens.MASTER);
        if (AdminAuthorizationCodes.CONSOLE_CLIENT.equals(clientId)) {
            // A public client: PKCE, not a secret, binds the code to whoever started the sign-in.
            return "authorization_code".equals(grantType) ? codeGrant(master, issuer, code, redirectUri, verifier)
                    : OAuthError.of(400, "unauthorized_client", "admin-console may only use authorization_code");
        }
        if (!AdminTokens.ADMIN_CLI.equals(clientId)) {
            return OAuthError.of(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        return switch (grantType) {
            case "password" -> passwordGrant(master, issuer, username, password, ClientAddress.of(http));
            case "refresh_token" -> refreshGrant(master, issuer, refreshToken);
            default -> OAuthError.of(400, "unsupported_grant_type", "Unsupported grant_type");
        };
    }

    private Response passwordGrant(RealmEntity master, String issuer, String username, String password, String address) {
        if (username == null || username.isBlank() || password == null) {
            return OAuthError.of(400, "invalid_request", "Missing parameter: username and password are required");
        }
        return credentials.check(username, password, address)
                .map(user -> success(tokens.issue(master, user, issuer, UUID.randomUUID().toString())))
                .orElseGet(() -> OAuthError.of(401, "invalid_grant", "Invalid user credentials"));
    }

    /** The console's grant: a code from the master sign-in page, redeemed with its PKCE verifier. */
    private Response codeGrant(RealmEntity master, String issuer, String code, String redirectUri, String verifier) {
        if (code == null || redirectUri == null || verifier == null) {
            return OAuthError.of(400, "invalid_request", "Missing parameter: code, redirect_uri and code_verifier are required");
        }
        return codes.redeem(code, AdminAuthorizationCodes.CONSOLE_CLIENT, redirectUri, verifier)
                .map(user -> success(tokens.issue(master, user, issuer, UUID.randomUUID().toString())))
                .orElseGet(() -> OAuthError.of(400, "invalid_grant", "Code not valid"));
    }

    private Response refreshGrant(RealmEntity master, String issuer, String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return OAuthError.of(400, "invalid_request", "Missing parameter: refresh_token");
        }
        JWTClaimsSet claims;
        try {
            claims = tokens.verifyRefresh(master, refreshToken, issuer);
        } catch (AdminTokens.InvalidTokenException e) {
            return OAuthError.of(400, "invalid_grant", "Invalid refresh token");
        }
        AdminUserEntity user = AdminUserEntity.findById(claims.getSubject());
        if (user == null || !user.enabled) {
            return OAuthError.of(400, "invalid_grant", "User no longer active");
        }
        return success(tokens.issue(master, user, issuer, (String) claims.getClaim("sid")));
    }

    private Response success(AdminTokens.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("expires_in", issued.expiresIn());
        body.put("refresh_expires_in", issued.refreshExpiresIn());
        body.put("refresh_token", issued.refreshToken());
        body.put("token_type", "Bearer");
        body.put("not-before-policy", 0);
        body.put("session_state", issued.sessionId());
        body.put("scope", "openid profile email");
        return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
