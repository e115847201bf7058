package cloud.federation.sync.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The Webex organisation behind {@link WebexSimulator}: people (with Webex Calling data for most), a few workspaces,
 * and two each of virtual lines, hunt groups, call queues and auto attendants. Deterministic from the seed;
 * thread-safe.
 */
public final class WebexDirectory {

    record Location(String id, String name, String routingPrefix, PeopleCatalog.Office office) {
    }

    private static final long EPOCH_2019 = 1_546_300_800L;
    /** Coprime to the number of name pairs; differs from the Graph tenant's so the two directories do not mirror. */
    private static final long NAME_STRIDE = 2311;
    private static final List<String> STATUSES = List.of(
            "active", "active", "inactive", "inactive", "inactive", "call", "meeting", "DoNotDisturb", "OutOfOffice",
            "presenting", "unknown");

    private final long seed;
    private final String orgId;
    private final List<Location> locations = new ArrayList<>();
    private final TreeMap<Long, Map<String, Object>> people = new TreeMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private final List<Map<String, Object>> workspaces = new ArrayList<>();
    private final List<Map<String, Object>> virtualLines = new ArrayList<>();
    private final List<Map<String, Object>> huntGroups = new ArrayList<>();
    private final List<Map<String, Object>> queues = new ArrayList<>();
    private final List<Map<String, Object>> autoAttendants = new ArrayList<>();
    private long nextPosition;
    private int nextIndex;

    private WebexDirectory(long seed) {
        this.seed = seed;
        this.orgId = webexId("ORGANIZATION", PeopleCatalog.uuid(seed, "webex-org", 0));
        int[] offices = {0, 1, 6};
        for (int i = 0; i < offices.length; i++) {
            PeopleCatalog.Office office = PeopleCatalog.OFFICES.get(offices[i]);
            locations.add(new Location(webexId("LOCATION", PeopleCatalog.uuid(seed, "webex-location", i)),
                    office.city() + (i == 0 ? " HQ" : ""), "80" + (i + 1), office));
        }
    }

    public static WebexDirectory generate(long seed, int people) {
        if (people < 0) {
            throw new IllegalArgumentException("people must not be negative");
        }
        WebexDirectory directory = new WebexDirectory(seed);
        for (int i = 0; i < people; i++) {
            directory.store(directory.newPerson(i));
        }
        directory.nextIndex = people;
        directory.addCallingFeatures();
        return directory;
    }

    public String orgId() {
        return orgId;
    }

    public synchronized Map<String, Object> addPerson() {
        Map<String, Object> person = newPerson(nextIndex++);
        store(person);
        return deepCopy(person);
    }

    /**
     * Sets top-level person fields (a null value removes the field) and stamps {@code lastModified}. Lists and maps
     * are stored as given, e.g. {@code phoneNumbers} as a list of {@code {type, value, primary}} maps.
     */
    public synchronized void updatePerson(String id, Map<String, ?> changes) {
        Map<String, Object> person = find(id);
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            if (change.getKey().equals("id")) {
                throw new IllegalArgumentException("id cannot change");
            }
            if (change.getValue() == null) {
                person.remove(change.getKey());
            } else {
                person.put(change.getKey(), deepCopy(change.getValue()));
            }
        }
        person.put("lastModified", Instant.now().toString());
    }

    public synchronized void removePerson(String id) {
        find(id);
        people.remove(positions.remove(id));
    }

    public synchronized List<String> personIds() {
        return people.values().stream().map(p -> (String) p.get("id")).toList();
    }

    /** A copy of the person with every field, calling data included; null if unknown. */
    public synchronized Map<String, Object> person(String id) {
        Long position = positions.get(id);
        return position == null ? null : deepCopy(people.get(position));
    }

    // ---- for the simulator

    record Positioned(long position, Map<String, Object> person) {
    }

    /** Up to {@code max} people after {@code position} that pass {@code filter}, as copies, plus whether more follow. */
    synchronized List<Positioned> peopleAfter(long position, int max, Predicate<Map<String, Object>> filter) {
        List<Positioned> page = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> entry : people.tailMap(position, false).entrySet()) {
            if (filter.test(entry.getValue())) {
                if (page.size() == max) {
                    page.add(null);
                    break;
                }
                page.add(new Positioned(entry.getKey(), deepCopy(entry.getValue())));
            }
        }
        return page;
    }

    /** The organisation's locations as List Locations returns them (people and workspaces refer to them by id). */
    synchronized List<Map<String, Object>> locations() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Location l : locations) {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("id", l.id());
            item.put("name", l.name());
            item.put("orgId", orgId);
            item.put("address", Map.of("city", l.office().city(), "country", l.office().country()));
            out.add(item);
        }
        return out;
    }

    synchronized List<Map<String, Object>> workspaces() {
        return deepCopy(workspaces);
    }

    synchronized List<Map<String, Object>> virtualLines() {
        return deepCopy(virtualLines);
    }

    synchronized List<Map<String, Object>> huntGroups() {
        return deepCopy(huntGroups);
    }

    synchronized List<Map<String, Object>> queues() {
        return deepCopy(queues);
    }

    synchronized List<Map<String, Object>> autoAttendants() {
        return deepCopy(autoAttendants);
    }

    /** Webex ids are base64 of {@code ciscospark://us/KIND/uuid} without padding. */
    static String webexId(String kind, String uuid) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("ciscospark://us/" + kind + "/" + uuid).getBytes(StandardCharsets.UTF_8));
    }

    // ----

    private void store(Map<String, Object> person) {
        long position = nextPosition++;
        people.put(position, person);
        positions.put((String) person.get("id"), position);
    }

    private Map<String, Object> find(String id) {
        Long position = positions.get(id);
        if (position == null) {
            throw new IllegalStateException("No person " + id);
        }
        return people.get(position);
    }

    private String personId(int index) {
        return webexId("PEOPLE", PeopleCatalog.uuid(seed, "webex-person", index));
    }

    private String[] name(int index) {
        int firstCount = PeopleCatalog.FIRST_NAMES.size();
        long pairs = (long) firstCount * PeopleCatalog.LAST_NAMES.size();
        long pair = (index * NAME_STRIDE + 17) % pairs;
        long round = index / pairs;
        return new String[] {PeopleCatalog.FIRST_NAMES.get((int) (pair % firstCount)),
                PeopleCatalog.LAST_NAMES.get((int) (pair / firstCount)), round == 0 ? "" : String.valueOf(round + 1)};
    }

    private Map<String, Object> newPerson(int index) {
        Random random = PeopleCatalog.random(seed, "webex-person", index);
        String[] name = name(index);
        String first = name[0];
        String last = name[1];
        String email = PeopleCatalog.mailName(first) + "." + PeopleCatalog.mailName(last) + name[2] + "@"
                + SyntheticTenant.DOMAIN;
        Location location = locations.get(random.nextInt(locations.size()));
        PeopleCatalog.Office office = location.office();
        boolean calling = random.nextInt(100) < 75;
        String extension = String.valueOf(index < 9000 ? 1000 + index : 10_000 + index);
        String department = PeopleCatalog.DEPARTMENTS.get(random.nextInt(PeopleCatalog.DEPARTMENTS.size()));
        Instant created = Instant.ofEpochSecond(EPOCH_2019 + random.nextInt(4 * 365 * 86_400), random.nextInt(1000) * 1_000_000L);
        boolean invitePending = random.nextInt(100) < 5;

        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", personId(index));
        person.put("emails", List.of(email));
        List<Map<String, Object>> phones = new ArrayList<>();
        if (random.nextInt(100) < 80) {
            phones.add(phone("work", PeopleCatalog.phone(office.areaCode(), 2000 + index, random), true));
        }
        if (random.nextInt(100) < 50) {
            phones.add(phone("mobile", PeopleCatalog.e164(office.areaCode(), 7000 + index), phones.isEmpty()));
        }
        if (calling) {
            // For Webex Calling people the work_extension value is the location's routing prefix plus the extension.
            phones.add(phone("work_extension", location.routingPrefix() + extension, phones.isEmpty()));
            person.put("extension", extension);
            person.put("locationId", location.id());
        }
        person.put("phoneNumbers", phones);
        person.put("displayName", first + " " + last);
        if (random.nextInt(100) < 20) {
            person.put("nickName", first.substring(0, Math.min(first.length(), 3)));
        }
        person.put("firstName", first);
        person.put("lastName", last);
        if (random.nextInt(100) < 50) {
            person.put("avatar", "https://avatar-prod-us-east-2.webexcontent.com/Avtr~V1~" + PeopleCatalog.uuid(seed, "webex-org", 0)
                    + "/V1~" + Integer.toHexString(random.nextInt()) + "~1600");
        }
        person.put("orgId", orgId);
        person.put("department", department);
        if (index > 0 && random.nextInt(100) < 85) {
            int manager = (index - 1) / 8;
            String[] managerName = name(manager);
            person.put("manager", managerName[0] + " " + managerName[1]);
            person.put("managerId", personId(manager));
        }
        person.put("title", PeopleCatalog.titleFor(department, random));
        if (random.nextInt(100) < 80) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("type", "work");
            address.put("country", office.countryCode());
            address.put("locality", office.city());
            address.put("region", office.state());
            address.put("streetAddress", office.streetAddress());
            address.put("postalCode", office.postalCode());
            person.put("addresses", List.of(address));
        }
        person.put("created", created.toString());
        person.put("lastModified", created.plusSeconds(random.nextInt(200 * 86_400)).toString());
        person.put("timezone", office.countryCode().equals("CA") ? "America/Toronto" : "America/Los_Angeles");
        String status = invitePending ? "pending" : STATUSES.get(random.nextInt(STATUSES.size()));
        if (!invitePending) {
            person.put("lastActivity", created.plusSeconds(random.nextInt(300 * 86_400)).toString());
        }
        person.put("status", status);
        person.put("invitePending", invitePending);
        person.put("loginEnabled", random.nextInt(100) < 97);
        person.put("type", "person");
        return person;
    }

    private static Map<String, Object> phone(String type, String value, boolean primary) {
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("type", type);
        phone.put("value", value);
        phone.put("primary", primary);
        return phone;
    }

    private void addCallingFeatures() {
        String[][] rooms = {{"Rainier", "meetingRoom", "12"}, {"Cascade Huddle", "huddle", "4"}, {"Lobby", "open", "20"},
                {"Focus Booth 2", "focus", "1"}, {"Hot Desk 14", "desk", "1"}};
        for (int i = 0; i < rooms.length; i++) {
            Location location = locations.get(i % locations.size());
            String nick = PeopleCatalog.mailName(rooms[i][0]);
            Map<String, Object> workspace = new LinkedHashMap<>();
            workspace.put("id", webexId("PLACE", PeopleCatalog.uuid(seed, "webex-workspace", i)));
            workspace.put("orgId", orgId);
            workspace.put("locationId", location.id());
            workspace.put("workspaceLocationId", location.id());
            workspace.put("displayName", rooms[i][0]);
            workspace.put("capacity", Integer.parseInt(rooms[i][2]));
            workspace.put("type", rooms[i][1]);
            workspace.put("sipAddress", nick + "@contoso.calls.webex.com");
            workspace.put("created", Instant.ofEpochSecond(EPOCH_2019 + i * 86_400L * 40).toString());
            workspace.put("calling", Map.of("type", i < 3 ? "webexCalling" : "freeCalling"));
            workspace.put("calendar", i == 0 ? Map.of("type", "microsoft", "emailAddress", nick + "@" + SyntheticTenant.DOMAIN)
                    : Map.of("type", "none"));
            workspace.put("hotdeskingStatus", rooms[i][1].equals("desk") ? "on" : "off");
            workspace.put("supportedDevices", rooms[i][1].equals("desk") ? "phones" : "collaborationDevices");
            workspace.put("deviceHostedMeetings", Map.of("enabled", false));
            workspace.put("devicePlatform", "cisco");
            workspaces.add(workspace);
        }
        String[][] lines = {{"Reception", "Desk"}, {"After Hours", "Line"}};
        for (int i = 0; i < 2; i++) {
            Location location = locations.get(i);
            String external = PeopleCatalog.e164(location.office().areaCode(), 4100 + i);
            String extension = "61" + (i + 1) + "0";
            Map<String, Object> number = new LinkedHashMap<>();
            number.put("external", external);
            number.put("extension", extension);
            number.put("routingPrefix", location.routingPrefix());
            number.put("esn", location.routingPrefix() + extension);
            number.put("primary", true);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", webexId("VIRTUAL_PROFILE", PeopleCatalog.uuid(seed, "webex-virtual-line", i)));
            line.put("lastName", lines[i][1]);
            line.put("firstName", lines[i][0]);
            line.put("callerIdLastName", lines[i][1]);
            line.put("callerIdFirstName", lines[i][0]);
            line.put("callerIdNumber", external);
            line.put("externalCallerIdNamePolicy", "DIRECT_LINE");
            line.put("customExternalCallerIdName", lines[i][0] + " " + lines[i][1]);
            line.put("number", number);
            line.put("location", Map.of("id", location.id(), "name", location.name()));
            line.put("numberOfDevicesAssigned", i);
            line.put("billingPlan", "BCOCP1");
            virtualLines.add(line);
        }
        String[] huntNames = {"Sales Hotline", "IT Helpdesk"};
        String[] queueNames = {"Customer Support", "Billing Queue"};
        String[] attendantNames = {"Main Line AA", "After Hours AA"};
        for (int i = 0; i < 2; i++) {
            huntGroups.add(feature("HUNT_GROUP", "webex-hunt-group", i, huntNames[i], locations.get(i), 4200 + i, "62" + i + "0",
                    i == 0));
            Map<String, Object> queue = feature("CALL_QUEUE", "webex-queue", i, queueNames[i], locations.get(i), 4300 + i,
                    "63" + i + "0", true);
            queue.put("hasCxEssentials", false);
            queues.add(queue);
            Map<String, Object> attendant = feature("AUTO_ATTENDANT", "webex-auto-attendant", i, attendantNames[i],
                    locations.get(i), 4400 + i, "64" + i + "0", true);
            attendant.remove("enabled");
            attendant.put("tollFreeNumber", false);
            autoAttendants.add(attendant);
        }
    }

    private Map<String, Object> feature(String kind, String salt, int index, String name, Location location, int subscriber,
                                        String extension, boolean withNumber) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("id", webexId(kind, PeopleCatalog.uuid(seed, salt, index)));
        feature.put("name", name);
        feature.put("locationName", location.name());
        feature.put("locationId", location.id());
        if (withNumber) {
            feature.put("phoneNumber", PeopleCatalog.e164(location.office().areaCode(), subscriber));
        }
        feature.put("extension", extension);
        feature.put("routingPrefix", location.routingPrefix());
        feature.put("esn", location.routingPrefix() + extension);
        feature.put("enabled", true);
        return feature;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(deepCopy(item)));
            return (T) copy;
        }
        return value;
    }
}
