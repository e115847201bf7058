package cloud.federation.realm.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdpMessageTest {

    @Test
    void controlAndFormatCharactersAreRemovedAndWhitespaceCollapsed() {
        assertEquals(Optional.of("Access denied: ask IT"),
                IdpMessage.clean("  Access\u0000 denied:\r\n\t ask\u202E IT \u0007"));
    }

    @Test
    void markupStaysTextForThePageToEscape() {
        assertEquals(Optional.of("<script>alert(1)</script>"), IdpMessage.clean("<script>alert(1)</script>"));
    }

    @Test
    void longMessagesAreCutWithAnEllipsis() {
        String cleaned = IdpMessage.clean("x".repeat(1000)).orElseThrow();
        assertEquals(IdpMessage.MAX_LENGTH, cleaned.length());
        assertTrue(cleaned.endsWith("…"));
        assertEquals(Optional.of("y".repeat(IdpMessage.MAX_LENGTH)), IdpMessage.clean("y".repeat(IdpMessage.MAX_LENGTH)));
    }

    @Test
    void nothingLeftIsNoMessage() {
        assertEquals(Optional.empty(), IdpMessage.clean(" \u0000\u0001 "));
        assertEquals(Optional.empty(), IdpMessage.clean(null));
    }
}
