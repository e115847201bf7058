package cloud.federation.realm.login;

import cloud.federation.realm.secrets.Digests;
import cloud.federation.realm.secrets.RandomSecrets;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Ties a pending login to the browser that started it: a random cookie value whose SHA-256 is stored with the
 * login. A stolen login URL, or a login CSRF that makes a victim finish an attacker's login, fails the check.
 */
public final class BrowserBinding {

    public static final String COOKIE = "FEDERATION_LOGIN";

    private BrowserBinding() {
    }

    /** The browser's existing binding value, or a new one. */
    public static String valueFrom(Map<String, Cookie> cookies) {
        Cookie existing = cookies.get(COOKIE);
        if (existing != null && existing.getValue() != null && existing.getValue().length() >= 32) {
            return existing.getValue();
        }
        return RandomSecrets.urlSafe(32);
    }

    public static String hash(String value) {
        return Digests.sha256Hex(value);
    }

    public static boolean matches(PendingLoginEntity login, Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(COOKIE);
        return cookie != null && cookie.getValue() != null
                && MessageDigest.isEqual(hash(cookie.getValue()).getBytes(StandardCharsets.US_ASCII),
                login.browserBinding.getBytes(StandardCharsets.US_ASCII));
    }

    public static NewCookie cookie(String realm, String value, boolean secure) {
        // On https the cookie must survive the IdP's cross-site POST to our SAML ACS (SameSite=None needs Secure);
        // on plain http (development) browsers refuse None without Secure, so Lax.
        return new NewCookie.Builder(COOKIE).value(value).path("/realms/" + realm + "/").httpOnly(true).secure(secure)
                .sameSite(secure ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX).build();
    }
}
