package cloud.federation.sync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The deterministic content of a generated Entra tenant: user {@code i} and group {@code i} are pure functions of the
 * seed and {@code i}, so the same seed gives the same ids and values however many objects are asked for.
 */
final class SyntheticTenant {

    static final String DOMAIN = "contoso.example";
    static final String GUEST_DOMAIN = "fabrikam.example";

    private static final List<String> PROJECTS = List.of(
            "Falcon", "Northwind", "Aurora", "Bluebird", "Cascade", "Evergreen", "Horizon", "Keystone", "Lighthouse",
            "Meridian", "Orion", "Sequoia");
    /** 2016-01-01T00:00:00Z: accounts look like they were created over the last few years. */
    private static final long EPOCH_2016 = 1_451_606_400L;
    /** A prime coprime to the number of name pairs, so consecutive users get unrelated-looking names. */
    private static final long NAME_STRIDE = 1237;

    private final long seed;

    SyntheticTenant(long seed) {
        this.seed = seed;
    }

    String userId(int index) {
        return PeopleCatalog.uuid(seed, "user", index);
    }

    String groupId(int index) {
        return PeopleCatalog.uuid(seed, "group", index);
    }

    Object[] user(int index) {
        Random random = PeopleCatalog.random(seed, "user", index);
        int firstCount = PeopleCatalog.FIRST_NAMES.size();
        long pairs = (long) firstCount * PeopleCatalog.LAST_NAMES.size();
        long pair = (index * NAME_STRIDE) % pairs;
        String given = PeopleCatalog.FIRST_NAMES.get((int) (pair % firstCount));
        String surname = PeopleCatalog.LAST_NAMES.get((int) (pair / firstCount));
        long round = index / pairs;
        String suffix = round == 0 ? "" : String.valueOf(round + 1);
        String nick = PeopleCatalog.mailName(given) + "." + PeopleCatalog.mailName(surname) + suffix;
        boolean guest = random.nextInt(100) < 3;
        PeopleCatalog.Office office = PeopleCatalog.OFFICES.get(random.nextInt(PeopleCatalog.OFFICES.size()));
        String department = PeopleCatalog.DEPARTMENTS.get(random.nextInt(PeopleCatalog.DEPARTMENTS.size()));
        int subscriber = (int) ((index * 37L + 1000) % 10_000);

        Object[] v = new Object[GraphSchema.USER.size()];
        put(v, "userPrincipalName", guest ? nick + "_" + GUEST_DOMAIN + "#EXT#@" + DOMAIN : nick + "@" + DOMAIN);
        put(v, "mail", guest ? nick + "@" + GUEST_DOMAIN : random.nextInt(100) < 97 ? nick + "@" + DOMAIN : null);
        put(v, "otherMails", random.nextInt(100) < 10 ? List.of(nick + "@outlook.example") : List.of());
        put(v, "displayName", random.nextInt(100) < 5 ? surname + ", " + given : given + " " + surname);
        put(v, "givenName", given);
        put(v, "surname", surname);
        put(v, "businessPhones", !guest && random.nextInt(100) < 85
                ? List.of(PeopleCatalog.phone(office.areaCode(), subscriber, random)) : List.of());
        put(v, "mobilePhone", random.nextInt(100) < 65
                ? PeopleCatalog.phone(office.areaCode(), (subscriber + 5000) % 10_000, random) : null);
        put(v, "faxNumber", random.nextInt(100) < 4 ? PeopleCatalog.phone(office.areaCode(), 9000 + subscriber % 1000, random) : null);
        if (!guest) {
            put(v, "department", department);
            put(v, "jobTitle", PeopleCatalog.titleFor(department, random));
            put(v, "officeLocation", (10 + random.nextInt(30)) + "/" + (1000 + random.nextInt(3000)));
            put(v, "streetAddress", office.streetAddress());
            put(v, "city", office.city());
            put(v, "state", office.state());
            put(v, "postalCode", office.postalCode());
            put(v, "country", office.country());
            put(v, "preferredLanguage", PeopleCatalog.LANGUAGES.get(random.nextInt(PeopleCatalog.LANGUAGES.size())));
        }
        put(v, "userType", guest ? "Guest" : "Member");
        put(v, "accountEnabled", random.nextInt(100) < 93);
        if (!guest && random.nextInt(100) < 80) {
            String sam = (PeopleCatalog.mailName(given).substring(0, 1) + PeopleCatalog.mailName(surname));
            put(v, "onPremisesSamAccountName", (sam.length() > 18 ? sam.substring(0, 18) : sam) + suffix);
        }
        if (!guest && random.nextInt(100) < 85) {
            put(v, "employeeId", "E" + (100_000 + index));
        }
        put(v, "createdDateTime", Instant.ofEpochSecond(EPOCH_2016 + random.nextInt(8 * 365 * 86_400)).toString());
        return v;
    }

    /** A management tree with fan-out 8 under user 0, and a few people nobody entered a manager for. */
    String manager(int index) {
        if (index == 0 || PeopleCatalog.random(seed, "manager", index).nextInt(100) < 5) {
            return null;
        }
        return userId((index - 1) / 8);
    }

    Object[] group(int index) {
        Random random = PeopleCatalog.random(seed, "group", index);
        String name = groupName(index);
        boolean unified = index % 3 == 1;
        String nick = PeopleCatalog.mailName(name);
        Object[] v = new Object[GraphSchema.GROUP.size()];
        putGroup(v, "displayName", name);
        putGroup(v, "description", index == 0 ? "Everyone at Contoso" : "Members of " + name);
        putGroup(v, "mail", unified ? nick + "@" + DOMAIN : null);
        putGroup(v, "mailEnabled", unified);
        putGroup(v, "mailNickname", unified ? nick : nick + "-" + Integer.toHexString(random.nextInt(0x10000)));
        putGroup(v, "securityEnabled", !unified);
        putGroup(v, "groupTypes", unified ? List.of("Unified") : List.of());
        putGroup(v, "visibility", unified ? (random.nextBoolean() ? "Private" : "Public") : null);
        putGroup(v, "createdDateTime", Instant.ofEpochSecond(EPOCH_2016 + random.nextInt(8 * 365 * 86_400)).toString());
        return v;
    }

    /** Groups form a tree with fan-out 4 under group 0, so six or more groups nest at least two levels deep. */
    int parentGroup(int index) {
        return index == 0 ? -1 : (index - 1) / 4;
    }

    /** Every user is in one leaf-ish group, a quarter of them in a second one. */
    List<Integer> groupsOfUser(int index, int groupCount) {
        List<Integer> groups = new ArrayList<>(2);
        if (groupCount == 1) {
            groups.add(0);
        } else if (groupCount > 1) {
            int primary = 1 + index % (groupCount - 1);
            groups.add(primary);
            Random random = PeopleCatalog.random(seed, "membership", index);
            if (random.nextInt(100) < 25) {
                int second = 1 + random.nextInt(groupCount - 1);
                if (second != primary) {
                    groups.add(second);
                }
            }
        }
        return groups;
    }

    private static String groupName(int index) {
        if (index == 0) {
            return "All Employees";
        }
        int k = index - 1;
        int n = k / 4;
        String base = switch (k % 4) {
            case 0 -> PeopleCatalog.DEPARTMENTS.get(n % 8) + " Department";
            case 1 -> PeopleCatalog.OFFICES.get(n % 8).city() + " Office";
            case 2 -> "Project " + PROJECTS.get(n % PROJECTS.size());
            default -> PeopleCatalog.DEPARTMENTS.get(n % 8) + " Leads";
        };
        int cycle = k % 4 == 2 ? PROJECTS.size() : 8;
        return n < cycle ? base : base + " " + (n / cycle + 1);
    }

    private static void put(Object[] values, String property, Object value) {
        values[GraphSchema.index(false, property)] = value;
    }

    private static void putGroup(Object[] values, String property, Object value) {
        values[GraphSchema.index(true, property)] = value;
    }
}
