package cloud.federation.ldap.slapd;

import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synced users and groups as the sync engine hands them to the facade (values stripped, blank values dropped, as
 * {@code UserPatch} guarantees), drawn from a fixed seed so every run compares the same directory. The pools are
 * deliberately awkward: accents, mixed case, doubled spaces, DN specials in ids and group names, and the same phone
 * number written several ways across users.
 */
final class GeneratedDirectory {

    static final String SOURCE = "entra";

    private static final String[] GIVEN = {"Alice", "Bob", "José", "Zoë", "Björn", "Łukasz", "Anne-Marie", "Mary  Ann",
            "François", "Chloé", "Ömer", "Sven", "Ingrid", "Renée", "Jürgen", "Ana", "Siobhán", "Nguyễn", "Jean Luc", "Eve"};
    private static final String[] SUR = {"Smith", "Núñez", "O'Brien", "Smith-Jones", "van der Berg", "Müller", "MÜLLER",
            "Øster", "Dupont", "Şahin", "García", "Lindqvist", "de la Cruz", "Kowalski", "Ng", "Brontë", "Young",
            "Zamora", "Allen", "Ångström"};
    private static final String[] DEPARTMENTS = {"Sales", "sales", "SALES EMEA", "Engineering", "R&D", "Research & Development",
            "Support, EMEA", "Ventes/Marketing", "Forschung + Entwicklung", "Back\\Office", "Finance  Ops", "Légal",
            "Human Resources"};
    private static final String[] TITLES = {"Engineer", "Senior Engineer", "Sales Rep", "Manager, Sales",
            "Directeur Général", "VP (Product)", "Intern", "Team Lead"};
    private static final String[] CITIES = {"Redmond", "Zürich", "São Paulo", "Köln", "Paris", "New York", "Reykjavík",
            "Montréal", "redmond"};
    private static final String[] STATES = {"WA", "NRW", "Île-de-France", "NY", "QC", "wa"};
    private static final String[] POSTAL = {"98052", "8001", "01310-100", "50667", "75008", "SW1A 1AA", "H3A 0G4"};
    private static final String[] COUNTRIES = {"US", "us", "DE", "ch", "FR", "Germany", "BR", "gb"};
    private static final String[] STREETS = {"1 Microsoft Way", "Bahnhofstrasse 1, 3. OG", "10 rue de la Paix",
            "Av. Paulista, 1578"};
    private static final String[] OFFICES = {"Building 7/1234", "HQ, 3rd floor", "Remote", "B-12 (east)", "Tour Eiffel #2"};
    private static final String[] USER_TYPES = {"user", "user", "user", "guest", "Guest", "workspace", "virtual-line"};
    private static final String[] LANGUAGES = {"en-US", "de-DE", "fr-CA", "pt-BR"};

    /** One number, several spellings: equality and substring rules must agree on which spellings are the same. */
    private static final String[][] PHONE_SPELLINGS = {
            {"+1 (425) 555-0100", "+1 425 555 0100", "+14255550100", "+1-425-555-0100", "+1 425.555.0100"},
            {"+49 30 1234567", "+49 (0)30 1234567", "+49-30-123-4567", "+49301234567"},
            {"+33 1 23 45 67 89", "+33 123456789", "+33 (0)1 23 45 67 89"},
            {"(425) 555-0199", "425-555-0199", "425 555 0199"},
            {"+44 20 7946 0958", "+44 (0) 20 7946 0958"},
            {"+1 800 FLOWERS", "+1 800 flowers", "+1-800-FLOWERS"},
    };

    /**
     * Upstream ids in RDNs: Entra's GUIDs, Webex's base64 ids (trailing '=' padding), and a few that need RFC 4514
     * escaping. Sync ids are opaque to us, so nothing stops a source from using these.
     */
    private static final String[] AWKWARD_IDS = {"a,b", "plus+sign", "back\\slash", "#hash", "quote\"d", "semi;colon",
            "less<more>", "eq=uals", "space in id", "Équipe-1", "trailing.dot.", "UPPER-lower"};

    private final Random random;
    private final List<SyncedUser> users = new ArrayList<>();
    private final List<SyncedGroup> groups = new ArrayList<>();

    private GeneratedDirectory(long seed) {
        this.random = new Random(seed);
    }

    static GeneratedDirectory generate(long seed, int userCount, int groupCount) {
        GeneratedDirectory d = new GeneratedDirectory(seed);
        for (int i = 0; i < userCount; i++) {
            d.users.add(d.user(i));
        }
        d.addGroups(groupCount);
        return d;
    }

    List<SyncedUser> users() {
        return users;
    }

    List<SyncedGroup> groups() {
        return groups;
    }

    private SyncedUser user(int i) {
        String id = i < AWKWARD_IDS.length ? AWKWARD_IDS[i] : i % 3 == 0 ? webexId(i) : uuid().toString();
        Map<String, List<String>> a = new LinkedHashMap<>();
        // Nearly empty users: the entry falls back to the id, or to the login, for cn and sn.
        if (i == AWKWARD_IDS.length) {
            return new SyncedUser(SOURCE, id, a);
        }
        if (i == AWKWARD_IDS.length + 1) {
            a.put("login", List.of("only.login@contoso.com"));
            return new SyncedUser(SOURCE, id, a);
        }
        String given = pick(GIVEN);
        String sur = pick(SUR);
        if (chance(90)) {
            a.put("givenName", List.of(given));
        }
        if (chance(92)) {
            a.put("surname", List.of(sur));
        }
        if (chance(85)) {
            // Entra allows any display name, including "Last, First" and the doubled spaces of a careless admin.
            String display = switch (random.nextInt(5)) {
                case 0 -> sur + ", " + given;
                case 1 -> given + " " + sur + " (Contractor)";
                default -> given + " " + sur;
            };
            a.put("displayName", List.of(display));
        }
        String local = ascii(given) + "." + ascii(sur) + i;
        if (chance(90)) {
            String login = (chance(20) ? local.toUpperCase(Locale.ROOT) : local) + (chance(10) ? "+tag" : "")
                    + "@" + (chance(15) ? "Contoso.COM" : "contoso.com");
            a.put("login", List.of(login));
            if (chance(80)) {
                a.put("mail", List.of(login.toLowerCase(Locale.ROOT)));
            }
        } else if (chance(50)) {
            a.put("mail", List.of(local + "@fabrikam.example"));
        }
        if (chance(5)) {
            a.put("samAccountName", List.of("SAM_" + i));
        }
        if (chance(70)) {
            List<String> phones = new ArrayList<>();
            phones.add(phone());
            if (chance(20)) {
                phones.add(phone());
            }
            a.put("businessPhones", phones.stream().distinct().toList());
        }
        if (chance(30)) {
            a.put("extension", List.of(String.valueOf(1000 + random.nextInt(60))));
        }
        if (chance(40)) {
            a.put("mobile", List.of(phone()));
        }
        if (chance(10)) {
            a.put("fax", List.of(phone()));
        }
        putMaybe(a, "street", 30, STREETS);
        putMaybe(a, "department", 85, DEPARTMENTS);
        putMaybe(a, "jobTitle", 70, TITLES);
        putMaybe(a, "officeLocation", 50, OFFICES);
        putMaybe(a, "city", 70, CITIES);
        putMaybe(a, "state", 50, STATES);
        putMaybe(a, "postalCode", 50, POSTAL);
        putMaybe(a, "country", 70, COUNTRIES);
        putMaybe(a, "userType", 95, USER_TYPES);
        putMaybe(a, "preferredLanguage", 30, LANGUAGES);
        if (chance(90)) {
            a.put("enabled", List.of(chance(85) ? "true" : "false"));
        }
        if (i > 0 && chance(60)) {
            a.put("manager", List.of(users.get(random.nextInt(i)).id()));
        }
        if (chance(80)) {
            Instant modified = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(60 * 86_400) * 17L);
            a.put("sourceModified", List.of(modified.toString()));
        }
        return new SyncedUser(SOURCE, id, a);
    }

    private void addGroups(int count) {
        String[] names = {"Everyone", "Sales", "SALES", "Sales EMEA", "Sales  EMEA", "R&D, Europe", "C++ Developers",
                "Back\\Office", "\"Quoted\"", "#hashtag", "a=b", "<tag>", "semi;colon", "Équipe Nord", "équipe nord",
                "Trailing space ", " Leading space", "", "Ops", "Finance"};
        List<String> groupIds = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            groupIds.add("g-" + g);
        }
        for (int g = 0; g < count; g++) {
            Map<String, String> members = new LinkedHashMap<>();
            int size = g == 0 ? 0 : 1 + random.nextInt(25);
            for (int m = 0; m < size; m++) {
                members.put(users.get(random.nextInt(users.size())).id(), "user");
            }
            // Nesting: mostly downwards (a tree of groups), one cycle, and a member the source no longer has.
            if (g > 0 && g + 1 < count && chance(40)) {
                members.put(groupIds.get(g + 1 + random.nextInt(count - g - 1)), "group");
            }
            if (g == count - 1) {
                members.put(groupIds.get(1), "group");
            }
            if (g == 2) {
                members.put("deleted-upstream", "user");
            }
            String name = g < names.length ? names[g] : "Team " + (char) ('A' + g % 26) + g;
            groups.add(new SyncedGroup(SOURCE, groupIds.get(g), name, members));
        }
        // A group whose only member is unknown here: it ends up with no member at all.
        groups.add(new SyncedGroup(SOURCE, "g-orphaned", "Orphaned", Map.of("gone", "user")));
    }

    private String phone() {
        String[] spellings = PHONE_SPELLINGS[random.nextInt(PHONE_SPELLINGS.length)];
        if (chance(60)) {
            return spellings[random.nextInt(spellings.length)];
        }
        return "+1 206 555 " + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
    }

    private String webexId(int i) {
        String raw = "ciscospark://us/PEOPLE/" + uuid() + "/" + i;
        return Base64.getEncoder().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void putMaybe(Map<String, List<String>> a, String key, int percent, String[] pool) {
        if (chance(percent)) {
            a.put(key, List.of(pick(pool)));
        }
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private static String ascii(String s) {
        String plain = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[^A-Za-z0-9-]", "").toLowerCase(Locale.ROOT);
    }
}
