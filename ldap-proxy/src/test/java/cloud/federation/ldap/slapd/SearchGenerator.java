package cloud.federation.ldap.slapd;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.ldap.tree.RealmTree;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random searches over one realm tree from a fixed seed: bases across the tree, all three scopes, RFC 4515 filters
 * of every kind nested up to three levels, and attribute lists ({@code *}, names, {@code 1.1}). Assertion values are
 * mostly taken from the data (so filters match something) and then respelled the way clients do: other case, other
 * spacing, other DN escaping, other telephone punctuation.
 *
 * <p>Left out on purpose, each covered by {@link KnownDifference} or the handcrafted searches instead: approximate
 * match (slapd's {@code ~=} is phonetic — "smyth" finds Smith — while ours is equality by design); ordering on
 * attributes without an ORDERING rule in the standard schema (cn, mail, telephoneNumber…: Undefined on slapd);
 * substrings on attributes without a SUBSTR rule; assertion values their syntax refuses (Undefined, and ours has
 * no Undefined under NOT); attribute names other than the canonical one; extensible match (AD's rules are ours only).
 */
final class SearchGenerator {

    enum Kind { STRING, IA5, PHONE, INTEGER, TIME, OID, DN }

    /** Filterable attributes both servers define, with how their assertion values are made. */
    static final Map<String, Kind> ATTRIBUTES = attributes();

    /** The attributes suites filter on most often appear more often, the rest once. */
    private static final List<String> LEAF_ATTRIBUTES = leafAttributes();

    private static final String[] OBJECT_CLASSES = {"top", "person", "organizationalPerson", "inetOrgPerson", "user",
            "groupOfNames", "organizationalUnit", "organization", "applicationProcess", "device"};
    private static final String[] RETURNABLE = {"uid", "cn", "sn", "givenName", "displayName", "mail", "telephoneNumber",
            "mobile", "ipPhone", "department", "departmentNumber", "title", "l", "st", "c", "postalCode",
            "employeeType", "objectClass", "member", "memberOf", "manager", "userPrincipalName", "sAMAccountName",
            "userAccountControl", "objectGUID", "whenChanged", "physicalDeliveryOfficeName", "preferredLanguage",
            "ou", "o", "facsimileTelephoneNumber", "street", "noSuchAttribute"};

    private final Random random;
    private final RealmTree tree;
    private final List<DN> users = new ArrayList<>();
    private final List<DN> groups = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();

    SearchGenerator(RealmTree tree, Set<DN> leftOut, long seed) {
        this.random = new Random(seed);
        this.tree = tree;
        Map<String, Set<String>> distinct = new HashMap<>();
        for (Entry e : tree.all()) {
            DN dn = parse(e.getDN());
            if (leftOut.contains(dn)) {
                continue;
            }
            if (e.hasObjectClass("user")) {
                users.add(dn);
            } else if (e.hasObjectClass("groupOfNames")) {
                groups.add(dn);
            }
            for (String name : ATTRIBUTES.keySet()) {
                String[] v = e.getAttributeValues(name);
                if (v != null) {
                    distinct.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(List.of(v));
                }
            }
        }
        distinct.forEach((name, pool) -> values.put(name, List.copyOf(pool)));
    }

    private static Map<String, Kind> attributes() {
        Map<String, Kind> a = new java.util.LinkedHashMap<>();
        for (String s : List.of("uid", "cn", "sn", "givenName", "displayName", "department", "departmentNumber", "title",
                "l", "st", "c", "postalCode", "physicalDeliveryOfficeName", "employeeType", "userPrincipalName",
                "sAMAccountName", "preferredLanguage", "o", "ou")) {
            a.put(s, Kind.STRING);
        }
        a.put("mail", Kind.IA5);
        a.put("telephoneNumber", Kind.PHONE);
        a.put("mobile", Kind.PHONE);
        a.put("ipPhone", Kind.PHONE);
        a.put("userAccountControl", Kind.INTEGER);
        a.put("whenChanged", Kind.TIME);
        a.put("objectClass", Kind.OID);
        a.put("member", Kind.DN);
        a.put("memberOf", Kind.DN);
        a.put("manager", Kind.DN);
        return a;
    }

    private static List<String> leafAttributes() {
        List<String> out = new ArrayList<>(ATTRIBUTES.keySet());
        for (String frequent : List.of("objectClass", "objectClass", "cn", "sn", "givenName", "mail", "mail",
                "telephoneNumber", "telephoneNumber", "mobile", "department", "department", "memberOf", "memberOf",
                "member", "userAccountControl", "uid", "userPrincipalName", "l", "title", "employeeType")) {
            out.add(frequent);
        }
        return out;
    }

    SearchComparison.Search next(int n) {
        DN base;
        SearchScope scope;
        int b = random.nextInt(100);
        // Base-scope searches on the containers match nothing but the container itself: a few, not many.
        if (b < 35) {
            base = tree.root();
            scope = pick(SearchScope.SUB, SearchScope.SUB, SearchScope.SUB, SearchScope.ONE);
        } else if (b < 65) {
            base = DirectoryNames.users(tree.realm());
            scope = pick(SearchScope.ONE, SearchScope.SUB, SearchScope.ONE);
        } else if (b < 80) {
            base = DirectoryNames.groups(tree.realm());
            scope = pick(SearchScope.ONE, SearchScope.SUB);
        } else if (b < 83) {
            base = pick(tree.root(), DirectoryNames.users(tree.realm()), DirectoryNames.groups(tree.realm()));
            scope = SearchScope.BASE;
        } else if (b < 95) {
            base = users.get(random.nextInt(users.size()));
            scope = pick(SearchScope.BASE, SearchScope.BASE, SearchScope.BASE, SearchScope.SUB, SearchScope.ONE);
        } else {
            base = groups.get(random.nextInt(groups.size()));
            scope = pick(SearchScope.BASE, SearchScope.SUB);
        }
        return new SearchComparison.Search("generated #" + n, base.toString(), scope, filter(0).toString(),
                attributeList());
    }

    private Filter filter(int depth) {
        int r = random.nextInt(100);
        if (depth < 3 && r < (depth == 0 ? 60 : 30)) {
            int roll = random.nextInt(10);
            if (roll < 2) {
                return Filter.createNOTFilter(filter(depth + 1));
            }
            List<Filter> parts = new ArrayList<>();
            int count = 2 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                parts.add(filter(depth + 1));
            }
            // ANDs of unrelated assertions are mostly empty; a broad first part keeps some of them useful.
            if (roll >= 6 && random.nextBoolean()) {
                parts.set(0, broad());
            }
            return roll < 6 ? Filter.createORFilter(parts) : Filter.createANDFilter(parts);
        }
        return leaf();
    }

    private Filter broad() {
        return switch (random.nextInt(4)) {
            case 0 -> Filter.createEqualityFilter(respellName("objectClass"), respellCase(pick("user", "person", "top")));
            case 1 -> Filter.createPresenceFilter(respellName(pick("mail", "telephoneNumber", "department", "memberOf", "cn")));
            case 2 -> Filter.createNOTFilter(Filter.createEqualityFilter("userAccountControl", "514"));
            default -> Filter.createGreaterOrEqualFilter("whenChanged", "20240201000000Z");
        };
    }

    private Filter leaf() {
        String attribute = LEAF_ATTRIBUTES.get(random.nextInt(LEAF_ATTRIBUTES.size()));
        Kind kind = ATTRIBUTES.get(attribute);
        String spelled = respellName(attribute);
        int r = random.nextInt(100);
        if (r < 15) {
            return Filter.createPresenceFilter(spelled);
        }
        boolean ordered = kind == Kind.INTEGER || kind == Kind.TIME;
        if (ordered && r < 50) {
            String v = value(attribute, kind);
            return r < 31 ? Filter.createGreaterOrEqualFilter(spelled, v) : Filter.createLessOrEqualFilter(spelled, v);
        }
        boolean substrings = kind == Kind.STRING || kind == Kind.IA5 || kind == Kind.PHONE;
        if (substrings && r < 55) {
            return substring(spelled, attribute, kind);
        }
        return Filter.createEqualityFilter(spelled, value(attribute, kind));
    }

    /** An assertion value: usually a stored value respelled, sometimes one nothing has. */
    private String value(String attribute, Kind kind) {
        List<String> pool = values.getOrDefault(attribute, List.of());
        switch (kind) {
            case INTEGER:
                return random.nextInt(4) == 0 ? String.valueOf(random.nextInt(1200) - 100)
                        : pick("512", "514", "513", "0", "-1", "511", "515");
            case TIME:
                if (!pool.isEmpty() && random.nextBoolean()) {
                    String v = pool.get(random.nextInt(pool.size()));
                    return random.nextBoolean() ? v : v.replace(".000Z", "Z");
                }
                return String.format(Locale.ROOT, "2024%02d%02d%02d%02d%02dZ", 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
            case OID:
                return respellCase(OBJECT_CLASSES[random.nextInt(OBJECT_CLASSES.length)]);
            case DN:
                if (pool.isEmpty() || random.nextInt(4) == 0) {
                    List<DN> from = random.nextBoolean() ? users : groups;
                    return respellDn(from.get(random.nextInt(from.size())));
                }
                return respellDn(parse(pool.get(random.nextInt(pool.size()))));
            default:
                if (pool.isEmpty() || random.nextInt(8) == 0) {
                    return pick("nobody", "Smith", "sales", "+1 999 555 0000", "4711", "x");
                }
                String v = pool.get(random.nextInt(pool.size()));
                return kind == Kind.PHONE ? respellPhone(v) : respellString(v);
        }
    }

    private Filter substring(String spelled, String attribute, Kind kind) {
        List<String> pool = values.getOrDefault(attribute, List.of());
        String v = pool.isEmpty() ? "Smith" : pool.get(random.nextInt(pool.size()));
        if (kind == Kind.PHONE) {
            v = respellPhone(v);
        }
        if (v.length() < 2) {
            return Filter.createSubstringFilter(spelled, v, null, null);
        }
        // Cut points into the value: [initial] * [any…] * [final], never an empty component. An initial piece
        // starts the value and a final one ends it, so most of these match the entry the value came from.
        boolean initial = random.nextBoolean();
        boolean last = random.nextBoolean();
        int pieces = 1 + random.nextInt(Math.min(3, v.length()));
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        while (cuts.size() < pieces * 2 && cuts.size() <= v.length()) {
            cuts.add(random.nextInt(v.length() + 1));
        }
        if (initial) {
            cuts.add(0);
        }
        if (last) {
            cuts.add(v.length());
        }
        List<Integer> c = new ArrayList<>(cuts);
        if (c.size() % 2 == 1) {
            c.remove(initial ? c.size() - 1 : 0);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < c.size(); i += 2) {
            String part = v.substring(c.get(i), c.get(i + 1));
            if (!part.isEmpty()) {
                parts.add(kind == Kind.PHONE ? part : respellCase(part));
            }
        }
        if (parts.isEmpty()) {
            parts.add(v.substring(0, 1));
        }
        initial = initial && c.get(0) == 0;
        last = last && c.get(c.size() - 1) == v.length() && parts.size() > (initial ? 1 : 0);
        String subInitial = initial ? parts.remove(0) : null;
        String subFinal = last ? parts.remove(parts.size() - 1) : null;
        return Filter.createSubstringFilter(spelled, subInitial, parts.toArray(String[]::new), subFinal);
    }

    private List<String> attributeList() {
        int r = random.nextInt(100);
        if (r < 25) {
            return List.of("*");
        }
        if (r < 33) {
            return List.of();
        }
        if (r < 48) {
            return List.of("1.1");
        }
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(respellName(RETURNABLE[random.nextInt(RETURNABLE.length)]));
        }
        if (r > 92) {
            out.add("*");
        }
        return out;
    }

    private String respellName(String name) {
        return switch (random.nextInt(6)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }

    private String respellCase(String s) {
        return switch (random.nextInt(5)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> s.toLowerCase(Locale.ROOT);
            default -> s;
        };
    }

    /** caseIgnoreMatch ignores case and insignificant (leading, trailing, repeated) spaces. */
    private String respellString(String s) {
        String out = respellCase(s);
        return switch (random.nextInt(6)) {
            case 0 -> " " + out + "  ";
            case 1 -> out.replace(" ", "  ");
            case 2 -> out.replaceAll(" +", " ");
            default -> out;
        };
    }

    /** telephoneNumberMatch ignores spaces and hyphens (RFC 4518 §2.6.2); some variants also change other punctuation. */
    private String respellPhone(String s) {
        return switch (random.nextInt(7)) {
            case 0 -> s.replace(" ", "").replace("-", "");
            case 1 -> s.replace(" ", "-");
            case 2 -> s.replace("-", " ");
            case 3 -> s.replaceAll("(\\d)(\\d)", "$1 $2");
            case 4 -> s.replaceAll("[()]", "");
            case 5 -> s.toLowerCase(Locale.ROOT);
            default -> s;
        };
    }

    /** distinguishedNameMatch ignores type case, value case (for caseIgnore types) and how values are escaped. */
    private String respellDn(DN dn) {
        return switch (random.nextInt(5)) {
            case 0 -> dn.toString().toUpperCase(Locale.ROOT);
            case 1 -> String.join(", ", java.util.Arrays.stream(dn.getRDNs()).map(RDN::toString).toList());
            case 2 -> hexEscaped(dn);
            default -> dn.toString();
        };
    }

    /** Every special character of the first RDN value as a \XX hex pair instead of a backslash escape. */
    private static String hexEscaped(DN dn) {
        RDN first = dn.getRDNs()[0];
        StringBuilder v = new StringBuilder();
        for (byte b : first.getAttributeValues()[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                v.append((char) c);
            } else {
                v.append(String.format(Locale.ROOT, "\\%02x", c));
            }
        }
        return first.getAttributeNames()[0] + "=" + v + "," + dn.getParent();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static DN parse(String dn) {
        try {
            return new DN(dn);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
