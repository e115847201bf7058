package cloud.federation.realm.token;

import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.secrets.PasswordHasher;
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
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The master realm's token endpoint for the {@code admin-cli} client (password and refresh_token grants). */
@Path("/realms/master/protocol/openid-connect/token")
public class AdminTokenResource {

    private static final Logger LOG = Logger.getLogger(AdminTokenResource.class);
    // Verified against when the user does not exist, so the response time does not reveal valid usernames.
    private static volatile String decoyHash;

    @Inject
    AdminTokens tokens;
    @Inject
    PasswordHasher hasher;
    @Inject
    LoginThrottle throttle;
    @Inject
    Issuers issuers;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                          @FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("refresh_token") String refreshToken,
                          @Context UriInfo uri, @Context HttpServerRequest http) {
        if (grantType == null || grantType.isBlank()) {
            return OAuthError.of(400, "invalid_request", "Missing form parameter: grant_type");
        }
        if (!AdminTokens.ADMIN_CLI.equals(clientId)) {
            return OAuthError.of(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        RealmEntity master = RealmEntity.findByName(AdminTokens.MASTER).orElseThrow();
        String issuer = issuers.issuer(uri, AdminTokens.MASTER);
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
        String userKey = LoginThrottle.userKey(AdminTokens.MASTER, username);
        String addressKey = LoginThrottle.addressKey(address);
        if (throttle.isLocked(userKey, addressKey)) {
            LOG.infof("Admin login refused while locked out (realm master)");
            return OAuthError.of(401, "invalid_grant", "Invalid user credentials");
        }
        AdminUserEntity user = AdminUserEntity.findByUsername(username).orElse(null);
        boolean ok;
        if (user == null) {
            hasher.verify(password, decoy());
            ok = false;
        } else {
            ok = hasher.verify(password, user.passwordHash) && user.enabled;
        }
        if (!ok) {
            throttle.recordFailure(userKey, addressKey);
            LOG.infof("Admin login failed (realm master)");
            return OAuthError.of(401, "invalid_grant", "Invalid user credentials");
        }
        throttle.recordSuccess(userKey);
        return success(tokens.issue(master, user, issuer, UUID.randomUUID().toString()));
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

    private String decoy() {
        String hash = decoyHash;
        if (hash == null) {
            hash = hasher.hash(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }
}
