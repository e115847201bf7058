package cloud.federation.server.console.signin;

import cloud.federation.realm.token.AdminAuthorizationCodes;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An authorization request to the master realm's sign-in page. Only the console may use it, only with its one
 * redirect URI and an S256 PKCE challenge; anything else is answered on our own error page, never by redirecting
 * to a URI the request named.
 */
public record ConsoleAuthorizationRequest(String clientId, String responseType, String redirectUri, String state,
                                          String codeChallenge, String codeChallengeMethod) {

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    // Unreserved URI characters only: the state goes back into a query string unchanged.
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    /** Why the request cannot be served, if it cannot; {@code expectedRedirectUri} is the console's callback. */
    public Optional<String> problem(String expectedRedirectUri) {
        if (!AdminAuthorizationCodes.CONSOLE_CLIENT.equals(clientId)) {
            return Optional.of("Unknown client: the master realm's sign-in page serves the admin console only.");
        }
        if (!expectedRedirectUri.equals(redirectUri)) {
            return Optional.of("The redirect URI is not the console's.");
        }
        if (!"code".equals(responseType)) {
            return Optional.of("Only response_type=code is supported.");
        }
        if (state == null || !STATE.matcher(state).matches()) {
            return Optional.of("The request has no valid state.");
        }
        if (!"S256".equals(codeChallengeMethod) || codeChallenge == null || !CHALLENGE.matcher(codeChallenge).matches()) {
            return Optional.of("The request has no S256 PKCE challenge.");
        }
        return Optional.empty();
    }
}
