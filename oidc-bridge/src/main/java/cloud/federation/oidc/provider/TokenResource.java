package cloud.federation.oidc.provider;

import cloud.federation.realm.token.PkceVerifier;
import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.client.ClientCredentials;
import cloud.federation.realm.client.SuiteAuthenticator;
import cloud.federation.realm.login.AuthorizationCodeEntity;
import cloud.federation.realm.login.LoginSessionEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.secrets.Digests;
import cloud.federation.realm.token.Issuers;
import cloud.federation.realm.token.OAuthError;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The suites' token endpoint: {@code authorization_code} and {@code refresh_token}, secret via Basic or POST. */
@Path("/realms/{realm}/protocol/openid-connect/token")
public class TokenResource {

    private static final Logger LOG = Logger.getLogger(TokenResource.class);

    @Inject
    SuiteAuthenticator authenticator;
    @Inject
    SuiteTokens tokens;
    @Inject
    Issuers issuers;
    @Inject
    MeterRegistry registry;

    @PathParam("realm")
    String realmName;
    @Context
    UriInfo uri;
    @Context
    HttpServerRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional(dontRollbackOn = Exception.class)
    public Response token(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        long started = System.nanoTime();
        RealmEntity realm = RealmEntity.findEnabled(realmName).orElse(null);
        Response response = answer(realm, form, authorization);
        if (realm != null) {
            // Only existing realms: a tag from the path of a made-up realm would let anyone create series.
            Timer.builder("federation.token.requests").description("Token endpoint requests of suites, by grant and outcome")
                    .tag("realm", realm.name).tag("grant_type", grantTag(form.getFirst("grant_type")))
                    .tag("outcome", outcome(response)).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return response;
    }

    private static String grantTag(String grantType) {
        return "authorization_code".equals(grantType) || "refresh_token".equals(grantType) ? grantType : "other";
    }

    /** {@code success}, or the RFC 6749 error code: a short fixed set, never the description. */
    private static String outcome(Response response) {
        if (response.getStatus() == 200) {
            return "success";
        }
        return response.getEntity() instanceof Map<?, ?> body && body.get("error") instanceof String error ? error : "error";
    }

    private Response answer(RealmEntity realm, MultivaluedMap<String, String> form, String authorization) {
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (e.getValue().size() > 1) {
                return OAuthError.of(400, "invalid_request", "Parameter repeated: " + e.getKey());
            }
        }
        if (realm == null) {
            return OAuthError.of(404, "invalid_request", "Realm does not exist");
        }
        Optional<ClientEntity> client = authenticate(realm, form, authorization);
        if (client.isEmpty()) {
            return OAuthError.of(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        String grantType = form.getFirst("grant_type");
        String issuer = issuers.issuer(uri, realm.name);
        if ("authorization_code".equals(grantType)) {
            return redeemCode(realm, client.get(), form, issuer);
        }
        if ("refresh_token".equals(grantType)) {
            return refresh(realm, client.get(), form.getFirst("refresh_token"), issuer);
        }
        return OAuthError.of(400, grantType == null ? "invalid_request" : "unsupported_grant_type",
                grantType == null ? "Missing form parameter: grant_type" : "Unsupported grant_type");
    }

    private Optional<ClientEntity> authenticate(RealmEntity realm, MultivaluedMap<String, String> form, String authorization) {
        String address = ClientAddress.of(http);
        Optional<ClientCredentials> basic = ClientCredentials.fromBasic(authorization);
        Optional<ClientCredentials> post = ClientCredentials.fromForm(form.getFirst("client_id"), form.getFirst("client_secret"));
        if (basic.isPresent() && post.isPresent()) {
            return Optional.empty(); // RFC 6749 §2.3: one method per request
        }
        if (basic.isPresent() || post.isPresent()) {
            return authenticator.authenticate(realm, basic.orElseGet(post::get), address);
        }
        // A public client identifies itself and proves possession through PKCE instead of a secret.
        String clientId = form.getFirst("client_id");
        return clientId == null ? Optional.empty()
                : ClientEntity.findByClientId(realm, clientId).filter(c -> c.enabled && c.publicClient);
    }

    private Response redeemCode(RealmEntity realm, ClientEntity client, MultivaluedMap<String, String> form, String issuer) {
        String code = form.getFirst("code");
        if (code == null || code.isBlank()) {
            return OAuthError.of(400, "invalid_request", "Missing parameter: code");
        }
        AuthorizationCodeEntity row = AuthorizationCodeEntity.findById(Digests.sha256Hex(code), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (row == null || !row.realm.id.equals(realm.id)) {
            return invalidGrant("Code not valid");
        }
        if (row.usedAt != null) {
            // RFC 6749 §4.1.2: a replayed code revokes what was issued from it.
            row.session.revokedAt = now;
            LOG.warnf("Authorization code replayed in realm %s by client %s; session revoked", realm.name, client.clientId);
            return invalidGrant("Code already used");
        }
        row.usedAt = now;
        if (!row.expiresAt.isAfter(now)) {
            return invalidGrant("Code expired");
        }
        if (!row.clientId.equals(client.clientId)) {
            return invalidGrant("Code was issued to another client");
        }
        if (!row.redirectUri.equals(form.getFirst("redirect_uri"))) {
            return invalidGrant("Incorrect redirect_uri");
        }
        String verifier = form.getFirst("code_verifier");
        if (row.codeChallenge != null ? !PkceVerifier.matches(verifier, row.codeChallenge) : verifier != null) {
            return invalidGrant("PKCE verification failed");
        }
        if (!row.session.activeAt(now)) {
            return invalidGrant("Session not active");
        }
        return success(tokens.issue(realm, client, row.session, row.nonce, row.scope, issuer), row.scope);
    }

    private Response refresh(RealmEntity realm, ClientEntity client, String refreshToken, String issuer) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return OAuthError.of(400, "invalid_request", "Missing parameter: refresh_token");
        }
        JWTClaimsSet claims;
        try {
            claims = tokens.verify(realm, refreshToken, issuer, SuiteTokens.REFRESH);
        } catch (SuiteTokens.InvalidTokenException e) {
            return invalidGrant("Invalid refresh token");
        }
        if (!client.clientId.equals(claims.getClaim("client_id"))) {
            return invalidGrant("Refresh token was issued to another client");
        }
        LoginSessionEntity session = LoginSessionEntity.findById(claims.getClaim("sid"));
        if (session == null || !session.activeAt(Instant.now())) {
            return invalidGrant("Session not active");
        }
        String scope = (String) claims.getClaim("scope");
        return success(tokens.issue(realm, client, session, null, scope, issuer), scope);
    }

    private static Response invalidGrant(String description) {
        return OAuthError.of(400, "invalid_grant", description);
    }

    private static Response success(SuiteTokens.Issued issued, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put("refresh_token", issued.refreshToken());
        body.put("refresh_expires_in", issued.refreshExpiresIn());
        body.put("id_token", issued.idToken());
        body.put("scope", scope);
        return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
