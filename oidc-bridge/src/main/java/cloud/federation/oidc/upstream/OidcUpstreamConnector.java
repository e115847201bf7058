package cloud.federation.oidc.upstream;

import cloud.federation.realm.FederationConfig;
import cloud.federation.oidc.broker.SignOnMeters;
import cloud.federation.realm.api.UpstreamCheck;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.api.UpstreamUnavailableException;
import cloud.federation.realm.idp.IdentityProviders;
import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.login.PendingLogins;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.secrets.RandomSecrets;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The relying party toward upstream OpenID Providers: code flow with PKCE, state and nonce. */
@ApplicationScoped
public class OidcUpstreamConnector implements UpstreamConnector {

    private static final Set<String> PROVIDER_IDS = Set.of("oidc", "keycloak-oidc", "webex");
    /** OAuth errors an upstream may send that we pass on to the suite unchanged; anything else becomes access_denied. */
    private static final Set<String> PASSED_ON_ERRORS = Set.of("access_denied", "login_required", "consent_required",
            "interaction_required", "temporarily_unavailable", "server_error");
    private static final int TIMEOUT_MS = 10_000;
    /** Config key of a Webex provider that uses the operator's integration instead of one of its own. */
    public static final String SERVICE_INTEGRATION = "serviceIntegration";
    private static final Logger LOG = Logger.getLogger(OidcUpstreamConnector.class);

    @Inject
    IdentityProviders providers;
    @Inject
    PendingLogins pendingLogins;
    @Inject
    ProviderMetadataCache metadata;
    @Inject
    RealmKeys realmKeys;
    @Inject
    SignOnMeters meters;
    @Inject
    FederationConfig federation;

    @Override
    public boolean serves(String providerId) {
        return PROVIDER_IDS.contains(providerId);
    }

    @Override
    public Response begin(IdentityProviderEntity idp, PendingLoginEntity login, Optional<String> loginHint, URI callback) {
        UpstreamOidcSettings settings;
        try {
            settings = settings(idp);
        } catch (UpstreamLoginException e) {
            String reference = LoginPages.newReference();
            LOG.warnf("Cannot start login at idp %s: %s (reference %s)", idp.alias, e.reason(), reference);
            meters.failed(idp.realm, idp, e.reason());
            throw new UpstreamUnavailableException(reference);
        }
        State state = new State(RandomSecrets.urlSafe(32));
        Nonce nonce = new Nonce(RandomSecrets.urlSafe(32));
        CodeVerifier verifier = new CodeVerifier();
        login.upstreamState = state.getValue();
        login.upstreamNonce = nonce.getValue();
        login.upstreamVerifierSealed = pendingLogins.seal(login, "upstream_verifier", verifier.getValue());
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(settings.scope()), new ClientID(settings.clientId()), callback)
                .endpointURI(settings.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (settings.forwardLoginHint()) {
            loginHint.ifPresent(request::loginHint);
        }
        return Response.seeOther(request.build().toURI()).header("Cache-Control", "no-store").build();
    }

    @Override
    public Optional<PendingLoginEntity> correlate(MultivaluedMap<String, String> params) {
        String state = params.getFirst("state");
        return state == null || state.isBlank() ? Optional.empty() : PendingLoginEntity.findByUpstreamState(state);
    }

    @Override
    public UpstreamIdentity complete(IdentityProviderEntity idp, PendingLoginEntity login,
                                     MultivaluedMap<String, String> params, URI callback) throws UpstreamLoginException {
        String error = params.getFirst("error");
        if (error != null) {
            // The user sees the IdP's own words (its error_description, else the bare error code) on our error page.
            String description = params.getFirst("error_description");
            throw UpstreamLoginException.fromIdp("upstream_error",
                    PASSED_ON_ERRORS.contains(error) ? error : "access_denied", "The identity provider answered an error",
                    description == null || description.isBlank() ? error : description);
        }
        String code = params.getFirst("code");
        if (code == null || code.isBlank()) {
            throw new UpstreamLoginException("upstream_no_code", "The identity provider returned neither a code nor an error");
        }
        UpstreamOidcSettings settings = settings(idp);
        OIDCTokenResponse tokens = redeem(settings, clientAuthentication(idp, settings), code, callback,
                pendingLogins.unseal(login, "upstream_verifier", login.upstreamVerifierSealed));
        String rawIdToken = tokens.getOIDCTokens().getIDTokenString();
        if (rawIdToken == null) {
            throw new UpstreamLoginException("id_token_missing", "The token response has no ID token");
        }
        JWTClaimsSet claims = IdTokenCheck.validate(rawIdToken, settings.issuer(), settings.clientId(), login.upstreamNonce,
                metadata.keys(settings.jwksUri()), Instant.now());
        Map<String, Object> profile = new java.util.HashMap<>(claims.getClaims());
        if (claims.getClaim(settings.claims().email()) == null && settings.userinfoEndpoint() != null) {
            UserInfo userInfo = userinfo(settings, tokens.getOIDCTokens().getBearerAccessToken());
            if (!claims.getSubject().equals(userInfo.getSubject().getValue())) {
                throw new UpstreamLoginException("userinfo_sub_mismatch", "Userinfo describes another subject");
            }
            userInfo.toJSONObject().forEach(profile::putIfAbsent);
        }
        return identity(profile, settings.claims());
    }

    /** The order of {@link #complete}: each step's reasons, as an admin's test sign-in reports them. */
    private static final List<UpstreamCheck> CHECKS = List.of(
            UpstreamCheck.of("Identity provider answered with a code, not an error", "upstream_error", "upstream_no_code"),
            UpstreamCheck.of("Identity provider settings and discovery document", "idp_misconfigured", "discovery_failed",
                    "discovery_issuer_mismatch", "client_assertion_failed"),
            UpstreamCheck.of("Code redeemed at the token endpoint (client authentication, PKCE)", "token_request_failed",
                    "id_token_missing"),
            UpstreamCheck.of("ID token form and signature algorithm", "id_token_malformed", "id_token_unsigned",
                    "id_token_encrypted", "id_token_algorithm_not_allowed"),
            UpstreamCheck.of("ID token signature (identity provider's published keys)", "jwks_unavailable",
                    "id_token_no_matching_key", "id_token_invalid_signature"),
            UpstreamCheck.of("ID token issuer", "id_token_issuer_mismatch"),
            UpstreamCheck.of("ID token audience and authorized party", "id_token_audience_mismatch", "id_token_azp_mismatch"),
            UpstreamCheck.of("ID token time window (exp, iat)", "id_token_expired", "id_token_missing_iat",
                    "id_token_issued_in_future"),
            UpstreamCheck.of("ID token subject", "id_token_missing_sub"),
            UpstreamCheck.of("Nonce (no replay of an older ID token)", "id_token_nonce_mismatch"),
            UpstreamCheck.of("Userinfo describes the same subject", "userinfo_failed", "userinfo_sub_mismatch"),
            UpstreamCheck.of("Subject claim mapped", "subject_claim_missing"));

    @Override
    public List<UpstreamCheck> checks() {
        return CHECKS;
    }

    private UpstreamOidcSettings settings(IdentityProviderEntity idp) throws UpstreamLoginException {
        UpstreamOidcSettings settings = serviceWebexIntegration(idp)
                ? UpstreamOidcSettings.from(idp.providerId, serviceIntegrationConfig(idp),
                        Map.of("clientSecret", federation.webex().clientSecret().orElseThrow()))
                : UpstreamOidcSettings.from(idp.providerId, idp.config, providers.secrets(idp));
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new UpstreamLoginException("idp_misconfigured", "server_error", "The identity provider has no issuer");
        }
        return settings.complete() ? settings : settings.withDiscovered(metadata.discover(settings.issuer(), settings.discoveryUrl()));
    }

    /**
     * A Webex provider switched on with the operator's integration ({@code serviceIntegration=true}) signs in with
     * the operator's current client, read from configuration at each login: the secret is never stored in a realm,
     * and rotating it reaches every realm at once. Webex endpoints are pinned (see {@link UpstreamOidcSettings}).
     */
    private boolean serviceWebexIntegration(IdentityProviderEntity idp) throws UpstreamLoginException {
        if (!"webex".equals(idp.providerId) || !"true".equals(idp.config.get(SERVICE_INTEGRATION))) {
            return false;
        }
        if (federation.webex().clientId().isEmpty() || federation.webex().clientSecret().isEmpty()) {
            throw new UpstreamLoginException("idp_misconfigured", "server_error",
                    "The service's Webex integration is not configured");
        }
        return true;
    }

    private Map<String, String> serviceIntegrationConfig(IdentityProviderEntity idp) {
        Map<String, String> config = new java.util.HashMap<>(idp.config);
        config.put("clientId", federation.webex().clientId().orElseThrow());
        return config;
    }

    /** client_secret_basic/post, or private_key_jwt signed with the realm's active RS256 key (published in its JWKS). */
    private ClientAuthentication clientAuthentication(IdentityProviderEntity idp, UpstreamOidcSettings settings)
            throws UpstreamLoginException {
        ClientID clientId = new ClientID(settings.clientId());
        if (settings.clientAuth() == UpstreamOidcSettings.ClientAuth.PRIVATE_KEY_JWT) {
            RSAKey key = realmKeys.activeSigningKey(idp.realm, KeyMaterial.RS256).map(JWK::toRSAKey).orElseThrow(() ->
                    new UpstreamLoginException("idp_misconfigured", "server_error", "The realm has no active RS256 key"));
            try {
                return new PrivateKeyJWT(clientId, settings.tokenEndpoint(), JWSAlgorithm.RS256, key.toRSAPrivateKey(),
                        key.getKeyID(), null);
            } catch (JOSEException e) {
                throw new UpstreamLoginException("client_assertion_failed", "server_error", "Cannot sign the client assertion");
            }
        }
        Secret secret = new Secret(settings.clientSecret() == null ? "" : settings.clientSecret());
        return settings.clientAuth() == UpstreamOidcSettings.ClientAuth.CLIENT_SECRET_POST
                ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
    }

    private static OIDCTokenResponse redeem(UpstreamOidcSettings settings, ClientAuthentication auth, String code,
                                            URI callback, String verifier) throws UpstreamLoginException {
        TokenRequest request = new TokenRequest(settings.tokenEndpoint(), auth,
                new AuthorizationCodeGrant(new AuthorizationCode(code), callback, new CodeVerifier(verifier)));
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
                throw new UpstreamLoginException("token_request_failed",
                        "The identity provider refused the code: " + error.getCode());
            }
            return (OIDCTokenResponse) response.toSuccessResponse();
        } catch (IOException | ParseException | ClassCastException e) {
            throw new UpstreamLoginException("token_request_failed", "temporarily_unavailable",
                    "The identity provider's token endpoint failed: " + e.getClass().getSimpleName());
        }
    }

    private static UserInfo userinfo(UpstreamOidcSettings settings, BearerAccessToken token) throws UpstreamLoginException {
        try {
            HTTPRequest http = new UserInfoRequest(settings.userinfoEndpoint(), token).toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            HTTPResponse raw = http.send();
            UserInfoResponse response = UserInfoResponse.parse(raw);
            if (!response.indicatesSuccess()) {
                throw new UpstreamLoginException("userinfo_failed", "The identity provider refused the userinfo request");
            }
            return response.toSuccessResponse().getUserInfo();
        } catch (IOException | ParseException e) {
            throw new UpstreamLoginException("userinfo_failed", "temporarily_unavailable",
                    "The identity provider's userinfo endpoint failed");
        }
    }

    static UpstreamIdentity identity(Map<String, Object> claims, UpstreamOidcSettings.ClaimMapping mapping)
            throws UpstreamLoginException {
        String subject = string(claims.get(mapping.subject()));
        if (subject == null || subject.isBlank()) {
            throw new UpstreamLoginException("subject_claim_missing", "The token has no " + mapping.subject() + " claim");
        }
        Object verified = claims.get("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        Object amr = claims.get("amr");
        List<String> amrs = amr instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        Object authTime = claims.get("auth_time");
        Instant auth = authTime instanceof Number n ? Instant.ofEpochSecond(n.longValue())
                : authTime instanceof Date d ? d.toInstant() : null;
        return new UpstreamIdentity(subject, string(claims.get(mapping.email())), emailVerified,
                string(claims.get(mapping.name())), string(claims.get(mapping.givenName())),
                string(claims.get(mapping.familyName())), string(claims.get(mapping.username())), amrs,
                string(claims.get("acr")), auth);
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
