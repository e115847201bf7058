package cloud.federation.sync.webex;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkHeaderTest {

    @Test
    void findsTheNextLinkAmongOthers() {
        assertEquals(Optional.of("https://webexapis.com/v1/people?cursor=abc&max=100"), LinkHeader.next(List.of(
                "<https://webexapis.com/v1/people?cursor=zzz>; rel=\"prev\", "
                        + "<https://webexapis.com/v1/people?cursor=abc&max=100>; rel=\"next\"")));
        assertEquals(Optional.of("https://x/v1/people?c=1"), LinkHeader.next(List.of("<https://x/v1/people?c=1>;rel=next")));
        assertEquals(Optional.empty(), LinkHeader.next(List.of("<https://x/v1/people?c=1>; rel=\"first\"")));
        assertEquals(Optional.empty(), LinkHeader.next(null));
    }

    @Test
    void restoresDroppedParametersWithoutOverridingThoseKept() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("callingData", "true");
        wanted.put("max", "100");
        assertEquals("https://x/v1/people?cursor=abc&max=50&callingData=true",
                LinkHeader.restore("https://x/v1/people?cursor=abc&max=50", wanted));
        assertEquals("https://x/v1/people?callingData=true&max=100", LinkHeader.restore("https://x/v1/people", wanted));
    }
}
