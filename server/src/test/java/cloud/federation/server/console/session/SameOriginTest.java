package cloud.federation.server.console.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameOriginTest {

    @Test
    void originsCompareAsBrowsersSerialiseThem() {
        assertTrue(ConsoleSessionFilter.sameOrigin("https://fed.example.com", "https://fed.example.com:443"));
        assertTrue(ConsoleSessionFilter.sameOrigin("http://localhost:8080", "http://LOCALHOST:8080/"));
        assertFalse(ConsoleSessionFilter.sameOrigin("https://evil.example", "https://fed.example.com"));
        assertFalse(ConsoleSessionFilter.sameOrigin("http://fed.example.com", "https://fed.example.com"));
        assertFalse(ConsoleSessionFilter.sameOrigin("https://fed.example.com:8443", "https://fed.example.com"));
        assertFalse(ConsoleSessionFilter.sameOrigin("null", "https://fed.example.com"));
    }
}
