package cloud.federation.oidc.provider;

import cloud.federation.realm.model.ClientEntity;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a suite's authorization request (OIDC Core §3.1.2.1, RFC 7636). Until the client and its redirect URI are
 * proven, errors are shown to the user and never redirected (no open redirect); after that they go back to the suite.
 */
public final class AuthorizationRequestCheck {

    private static final Pattern VERIFIER_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private AuthorizationRequestCheck() {
    }

    public sealed interface Outcome permits Valid, ShowError, RedirectError {
    }

    /** Accepted: everything the pending login needs. */
    public record Valid(ClientEntity client, String redirectUri, String state, String nonce, String scope,
                        String codeChallenge, String codeChallengeMethod, String loginHint, String idpHint)
            implements Outcome {
    }

    /** Refused before the redirect URI is trusted: an error page. */
    public record ShowError(String message) implements Outcome {
    }

    /** Refused after: back to the suite with an OAuth error and its state. */
    public record RedirectError(String redirectUri, String error, String description, String state) implements Outcome {
    }

    public static Outcome check(Map<String, String> params, Optional<ClientEntity> lookedUp) {
        String clientId = params.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return new ShowError("The application did not identify itself (client_id is missing).");
        }
        ClientEntity client = lookedUp.orElse(null);
        if (client == null) {
            return new ShowError("Unknown application (client_id is not registered in this organisation).");
        }
        if (!client.enabled) {
            return new ShowError("This application is disabled.");
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !client.redirectUris.contains(redirectUri)) {
            // Exact string match only (OAuth 2.0 Security BCP §4.1.3).
            return new ShowError("The application's return address (redirect_uri) is not registered.");
        }
        String state = params.get("state");
        if (params.containsKey("request") || params.containsKey("request_uri")) {
            String error = params.containsKey("request") ? "request_not_supported" : "request_uri_not_supported";
            return new RedirectError(redirectUri, error, "Request objects are not supported", state);
        }
        String responseType = params.get("response_type");
        if (!"code".equals(responseType)) {
            return new RedirectError(redirectUri, "unsupported_response_type", "Only response_type=code is supported", state);
        }
        String responseMode = params.get("response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            return new RedirectError(redirectUri, "invalid_request", "Only response_mode=query is supported", state);
        }
        String scope = params.get("scope");
        if (scope == null || Arrays.stream(scope.split(" ")).noneMatch("openid"::equals)) {
            return new RedirectError(redirectUri, "invalid_scope", "The openid scope is required", state);
        }
        String challenge = params.get("code_challenge");
        String method = params.get("code_challenge_method");
        if (challenge == null) {
            if (client.publicClient) {
                return new RedirectError(redirectUri, "invalid_request", "PKCE (code_challenge, S256) is required", state);
            }
            if (method != null) {
                return new RedirectError(redirectUri, "invalid_request", "code_challenge_method without code_challenge", state);
            }
        } else {
            if (!"S256".equals(method)) {
                return new RedirectError(redirectUri, "invalid_request",
                        "code_challenge_method must be S256 (plain is not accepted)", state);
            }
            if (!VERIFIER_CHALLENGE.matcher(challenge).matches()) {
                return new RedirectError(redirectUri, "invalid_request", "code_challenge is not a base64url SHA-256", state);
            }
        }
        String prompt = params.get("prompt");
        if (prompt != null && Arrays.asList(prompt.split(" ")).contains("none")) {
            // We never hold a browser session of our own, so a silent login cannot succeed.
            return new RedirectError(redirectUri, "login_required", "Interactive login is required", state);
        }
        return new Valid(client, redirectUri, state, params.get("nonce"), scope, challenge,
                challenge == null ? null : method, params.get("login_hint"), params.get("kc_idp_hint"));
    }
}
