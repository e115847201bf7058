package cloud.federation.server.console.session;

import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleCookiesTest {

    @Test
    void theSessionCookieIsSecureWheneverThePublicUrlIsHttps() {
        NewCookie tls = ConsoleCookies.cookie("v", "https://federation.example.com", -1);
        assertTrue(tls.isSecure());
        assertTrue(tls.isHttpOnly());
        assertEquals(NewCookie.SameSite.LAX, tls.getSameSite());
        assertEquals("/admin/console", tls.getPath());
        assertEquals(-1, tls.getMaxAge(), "a browser-session cookie: the server decides when the session ends");

        NewCookie plain = ConsoleCookies.cookie("v", "http://localhost:8080", -1);
        assertFalse(plain.isSecure(), "a Secure cookie would never come back over plain HTTP");
        assertTrue(plain.isHttpOnly());
    }

    @Test
    void signingOutExpiresTheCookie() {
        assertEquals(0, ConsoleCookies.cookie("", "https://federation.example.com", 0).getMaxAge());
    }
}
