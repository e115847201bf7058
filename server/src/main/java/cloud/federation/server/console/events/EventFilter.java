package cloud.federation.server.console.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The events pages' filter form as submitted (GET, so a filtered view is a link an admin can share), with the time
 * range read as UTC: the times the pages show are UTC too.
 */
public final class EventFilter {

    public static final int PAGE_SIZE = 50;

    private final Map<String, String> fields = new LinkedHashMap<>();
    static final int MAX_PAGE = 1_000_000;
    private final int page;
    private String problem;

    /** {@code fields}: the form's values by name (blank or null means no filter on that field). */
    public EventFilter(Map<String, String> fields, String page) {
        fields.forEach((name, value) -> this.fields.put(name, value == null ? "" : value.trim()));
        int p = 0;
        try {
            // Capped so page * PAGE_SIZE stays an int: beyond the cap there is nothing to show anyway.
            p = page == null || page.isBlank() ? 0 : Math.min(MAX_PAGE, Math.max(0, Integer.parseInt(page.trim())));
        } catch (NumberFormatException e) {
            problem = "page: not a number";
        }
        this.page = p;
    }

    /** The fields as typed, by name (what the form shows again), never null values. */
    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The value of a field as typed (for the form), never null. */
    public String get(String name) {
        return fields.getOrDefault(name, "");
    }

    /** The value of a field, or null when not filtering on it. */
    public String value(String name) {
        String v = get(name);
        return v.isEmpty() ? null : v;
    }

    /** A time field (the form's {@code datetime-local}, UTC) as an instant; a value that does not parse is reported. */
    public Instant time(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problem = name + ": '" + v + "' is not a date and time like 2026-01-31T13:45 (UTC); not filtered on it";
            return null;
        }
    }

    /** What the admin should know about the filter as submitted (an unreadable value), or null. */
    public String problem() {
        return problem;
    }

    public int page() {
        return page;
    }

    /** The page as people count, from 1. */
    public int pageNumber() {
        return page + 1;
    }

    public int first() {
        return page * PAGE_SIZE;
    }

    /** The query string of this filter on another page, for next/previous links. */
    public String queryFor(int otherPage) {
        StringJoiner query = new StringJoiner("&", "?", "");
        fields.forEach((name, value) -> {
            if (!value.isEmpty()) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (otherPage > 0) {
            query.add("page=" + otherPage);
        }
        String q = query.toString();
        return q.equals("?") ? "" : q;
    }
}
