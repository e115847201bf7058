package cloud.federation.server.console.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFilterTest {

    static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void blankFieldsDoNotFilterAndLinksKeepOnlyWhatIsSet() {
        EventFilter filter = new EventFilter(fields("operation", "ACTION", "actor", " ", "resourceType", null), "2");
        assertEquals("ACTION", filter.value("operation"));
        assertNull(filter.value("actor"));
        assertEquals("", filter.get("resourceType"));
        assertEquals(100, filter.first());
        assertEquals(3, filter.pageNumber());
        assertEquals("?operation=ACTION&page=3", filter.queryFor(3));
        assertEquals("?operation=ACTION", filter.queryFor(0));
        assertEquals("", new EventFilter(fields("actor", ""), null).queryFor(0));
        assertEquals("?actor=a+b%26c", new EventFilter(fields("actor", "a b&c"), null).queryFor(0));
    }

    @Test
    void timesAreUtcAndAnUnreadableOneIsReportedNotApplied() {
        EventFilter filter = new EventFilter(fields("from", "2026-01-31T13:45", "to", "yesterday"), "-4");
        assertEquals(Instant.parse("2026-01-31T13:45:00Z"), filter.time("from"));
        assertNull(filter.time("to"));
        assertTrue(filter.problem().startsWith("to:"), filter.problem());
        assertEquals(0, filter.page());
        assertTrue(new EventFilter(fields(), "x").problem().contains("page"));
    }

    @Test
    void aHugePageNumberStaysAValidOffset() {
        EventFilter filter = new EventFilter(java.util.Map.of(), String.valueOf(Integer.MAX_VALUE));
        org.junit.jupiter.api.Assertions.assertTrue(filter.first() >= 0, "offset " + filter.first());
    }
}
