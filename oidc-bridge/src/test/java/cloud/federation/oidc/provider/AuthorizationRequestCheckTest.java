package cloud.federation.oidc.provider;

import cloud.federation.realm.token.PkceVerifier;
import cloud.federation.realm.model.ClientEntity;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationRequestCheckTest {

    static ClientEntity client(boolean publicClient) {
        ClientEntity c = new ClientEntity();
        c.clientId = "suite-a";
        c.enabled = true;
        c.publicClient = publicClient;
        c.redirectUris = List.of("https://suite.example/cb");
        return c;
    }

    static Map<String, String> request() {
        Map<String, String> p = new HashMap<>();
        p.put("client_id", "suite-a");
        p.put("redirect_uri", "https://suite.example/cb");
        p.put("response_type", "code");
        p.put("scope", "openid email");
        p.put("state", "s");
        return p;
    }

    static AuthorizationRequestCheck.Outcome check(Map<String, String> p, boolean publicClient) {
        return AuthorizationRequestCheck.check(p, Optional.of(client(publicClient)));
    }

    static String redirectError(Map<String, String> p, boolean publicClient) {
        AuthorizationRequestCheck.RedirectError e = assertInstanceOf(AuthorizationRequestCheck.RedirectError.class,
                check(p, publicClient));
        assertEquals("s", e.state());
        return e.error();
    }

    @Test
    void acceptsAPlainConfidentialRequest() {
        assertInstanceOf(AuthorizationRequestCheck.Valid.class, check(request(), false));
    }

    @Test
    void redirectUriMustMatchExactly() {
        for (String uri : new String[] {"https://suite.example/cb/", "https://suite.example/cb?x=1", "https://SUITE.example/cb",
                "https://suite.example/c", null}) {
            Map<String, String> p = request();
            p.put("redirect_uri", uri);
            assertInstanceOf(AuthorizationRequestCheck.ShowError.class, check(p, false), String.valueOf(uri));
        }
    }

    @Test
    void unknownOrDisabledClientsGetAnErrorPage() {
        assertInstanceOf(AuthorizationRequestCheck.ShowError.class, AuthorizationRequestCheck.check(request(), Optional.empty()));
        ClientEntity disabled = client(false);
        disabled.enabled = false;
        assertInstanceOf(AuthorizationRequestCheck.ShowError.class, AuthorizationRequestCheck.check(request(), Optional.of(disabled)));
    }

    @Test
    void onlyCodeWithTheOpenidScope() {
        Map<String, String> p = request();
        p.put("response_type", "code id_token");
        assertEquals("unsupported_response_type", redirectError(p, false));
        p = request();
        p.put("scope", "email");
        assertEquals("invalid_scope", redirectError(p, false));
    }

    @Test
    void pkceRules() {
        assertEquals("invalid_request", redirectError(request(), true));
        Map<String, String> plain = request();
        plain.put("code_challenge", "a".repeat(43));
        plain.put("code_challenge_method", "plain");
        assertEquals("invalid_request", redirectError(plain, false));
        Map<String, String> noMethod = request();
        noMethod.put("code_challenge", "a".repeat(43));
        assertEquals("invalid_request", redirectError(noMethod, false));
        Map<String, String> s256 = request();
        s256.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        s256.put("code_challenge_method", "S256");
        assertInstanceOf(AuthorizationRequestCheck.Valid.class, check(s256, true));
    }

    @Test
    void requestObjectsAndSilentLoginAreRefused() {
        Map<String, String> p = request();
        p.put("request", "eyJ...");
        assertEquals("request_not_supported", redirectError(p, false));
        p = request();
        p.put("prompt", "none");
        assertEquals("login_required", redirectError(p, false));
    }

    @Test
    void s256VerifierMatchesItsChallenge() {
        // RFC 7636 appendix B.
        assertTrue(PkceVerifier.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assertFalse(PkceVerifier.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXx", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assertFalse(PkceVerifier.matches("short", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }
}
