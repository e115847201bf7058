package cloud.federation.sync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side of the Webex API a directory sync uses, with Webex's paging: cursor-based {@code Link: rel="next"}
 * for people, {@code start}/{@code max} with first/prev/next links for workspaces and the Calling lists.
 */
final class WebexResources {

    private static final Pattern PERSON = Pattern.compile("^/v1/people/([^/]+)/?$");
    private static final Pattern TELEPHONY =
            Pattern.compile("^/v1/telephony/config/(virtualLines|huntGroups|queues|autoAttendants)/?$");

    private final WebexDirectory directory;
    private final String baseUrl;
    volatile boolean dropQueryParamsInLinks;

    WebexResources(WebexDirectory directory, String baseUrl) {
        this.directory = directory;
        this.baseUrl = baseUrl;
    }

    Answer answer(String path, Map<String, List<String>> query, String trackingId) {
        if (path.equals("/v1/people") || path.equals("/v1/people/")) {
            return people(query, trackingId);
        }
        Matcher m = PERSON.matcher(path);
        if (m.matches()) {
            Map<String, Object> person = directory.person(m.group(1));
            boolean callingData = "true".equalsIgnoreCase(QueryString.first(query, "callingData"));
            return person == null ? WebexErrors.error(404, "Person not found.", trackingId)
                    : WebexErrors.json(withoutCallingData(person, !callingData));
        }
        if (path.equals("/v1/locations") || path.equals("/v1/locations/")) {
            return offsetList("items", directory.locations(), query, "/v1/locations", trackingId);
        }
        if (path.equals("/v1/workspaces") || path.equals("/v1/workspaces/")) {
            return offsetList("items", directory.workspaces(), query, "/v1/workspaces", trackingId);
        }
        m = TELEPHONY.matcher(path);
        if (m.matches()) {
            String kind = m.group(1);
            List<Map<String, Object>> list = switch (kind) {
                case "virtualLines" -> directory.virtualLines();
                case "huntGroups" -> directory.huntGroups();
                case "queues" -> directory.queues();
                default -> directory.autoAttendants();
            };
            return offsetList(kind, list, query, "/v1/telephony/config/" + kind, trackingId);
        }
        return WebexErrors.error(404, "The requested resource could not be found.", trackingId);
    }

    /**
     * List People. {@code max} defaults to 100 and is silently capped where the reference says it "will not be more
     * than" a limit: 100 with callingData=true, 50 with locationId (1000 otherwise).
     */
    private Answer people(Map<String, List<String>> query, String trackingId) {
        int max;
        try {
            max = intParam(query, "max", 100, 1);
        } catch (IllegalArgumentException e) {
            return WebexErrors.error(400, "Invalid value for 'max': " + QueryString.first(query, "max"), trackingId);
        }
        boolean callingData = "true".equalsIgnoreCase(QueryString.first(query, "callingData"));
        String locationId = QueryString.first(query, "locationId");
        max = Math.min(max, locationId != null ? 50 : callingData ? 100 : 1000);
        long after = -1;
        String cursor = QueryString.first(query, "cursor");
        if (cursor != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                after = Long.parseLong(decoded.substring(decoded.indexOf(':') + 1));
            } catch (RuntimeException e) {
                return WebexErrors.error(400, "Invalid cursor.", trackingId);
            }
        }
        List<WebexDirectory.Positioned> page = directory.peopleAfter(after, max, filter(query, locationId));
        boolean more = !page.isEmpty() && page.get(page.size() - 1) == null;
        if (more) {
            page = page.subList(0, page.size() - 1);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        page.forEach(p -> items.add(withoutCallingData(p.person(), !callingData)));
        Answer answer = WebexErrors.json(Map.of("items", items));
        if (more) {
            String next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("people:" + page.get(page.size() - 1).position()).getBytes(StandardCharsets.UTF_8));
            Map<String, String> params = linkParams(query, Set.of("cursor", "max"));
            params.put("max", String.valueOf(max));
            params.put("cursor", next);
            answer.header("Link", "<" + baseUrl + "/v1/people?" + QueryString.join(params) + ">; rel=\"next\"");
        }
        return answer;
    }

    private static Predicate<Map<String, Object>> filter(Map<String, List<String>> query, String locationId) {
        String email = QueryString.first(query, "email");
        String displayName = QueryString.first(query, "displayName");
        String ids = QueryString.first(query, "id");
        String orgId = QueryString.first(query, "orgId");
        Set<String> wanted = ids == null ? null : Set.of(ids.split(","));
        return person -> (orgId == null || orgId.equals(person.get("orgId")))
                && (locationId == null || locationId.equals(person.get("locationId")))
                && (wanted == null || wanted.contains((String) person.get("id")))
                && (email == null || ((List<?>) person.get("emails")).stream().anyMatch(e -> email.equalsIgnoreCase(e.toString())))
                && (displayName == null || String.valueOf(person.get("displayName")).toLowerCase(Locale.ROOT)
                .startsWith(displayName.toLowerCase(Locale.ROOT)));
    }

    private Answer offsetList(String field, List<Map<String, Object>> all, Map<String, List<String>> query, String path,
                              String trackingId) {
        int start;
        int max;
        try {
            start = intParam(query, "start", 0, 0);
            max = intParam(query, "max", field.equals("items") ? 100 : 2000, 1);
        } catch (IllegalArgumentException e) {
            return WebexErrors.error(400, "Invalid value for 'start' or 'max'.", trackingId);
        }
        String locationId = QueryString.first(query, "locationId");
        List<Map<String, Object>> matching = all.stream().filter(item -> locationId == null
                || locationId.equals(item.get("locationId"))
                || (item.get("location") instanceof Map<?, ?> location && locationId.equals(location.get("id")))).toList();
        List<Map<String, Object>> slice = start >= matching.size() ? List.of()
                : matching.subList(start, Math.min(matching.size(), start + max));
        Map<String, String> params = linkParams(query, Set.of("start", "max"));
        List<String> links = new ArrayList<>();
        links.add(offsetLink(path, params, 0, max, "first"));
        if (start > 0) {
            links.add(offsetLink(path, params, Math.max(0, start - max), max, "prev"));
        }
        if (start + max < matching.size()) {
            links.add(offsetLink(path, params, start + max, max, "next"));
        }
        return WebexErrors.json(Map.of(field, slice)).header("Link", String.join(", ", links));
    }

    private String offsetLink(String path, Map<String, String> params, int start, int max, String rel) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("start", String.valueOf(start));
        all.put("max", String.valueOf(max));
        return "<" + baseUrl + path + "?" + QueryString.join(all) + ">; rel=\"" + rel + "\"";
    }

    /** The request's parameters to carry into a link, or none of them when links deliberately lose them. */
    private Map<String, String> linkParams(Map<String, List<String>> query, Set<String> paging) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!dropQueryParamsInLinks) {
            query.forEach((name, values) -> {
                if (!paging.contains(name) && !values.isEmpty()) {
                    params.put(name, values.get(0));
                }
            });
        }
        return params;
    }

    /** Without callingData=true Webex leaves out the Webex Calling fields: extension, locationId, work_extension. */
    private static Map<String, Object> withoutCallingData(Map<String, Object> person, boolean strip) {
        if (strip) {
            person.remove("extension");
            person.remove("locationId");
            if (person.get("phoneNumbers") instanceof List<?> phones) {
                person.put("phoneNumbers", phones.stream().filter(phone -> !(phone instanceof Map<?, ?> number
                        && "work_extension".equals(number.get("type")))).toList());
            }
        }
        return person;
    }

    private static int intParam(Map<String, List<String>> query, String name, int fallback, int minimum) {
        String value = QueryString.first(query, name);
        if (value == null) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.trim());
        if (parsed < minimum) {
            throw new IllegalArgumentException(name);
        }
        return parsed;
    }
}
