package cloud.federation.ldap.tree;

import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A synced user as the LDAP entry suites read: inetOrgPerson with the Active Directory attributes AD-minded suites
 * ask for. Values come only from the normalised user; nothing is invented except the derived names AD clients
 * expect (sAMAccountName from the UPN, a phone number from the extension).
 */
final class UserEntries {

    static final String[] OBJECT_CLASSES = {"top", "person", "organizationalPerson", "inetOrgPerson", "user"};
    static final int ENABLED = 512;
    static final int DISABLED = 514;
    /** The SDK's generalized time form (yyyyMMddHHmmss.SSSZ), without SimpleDateFormat's cost per user. */
    private static final java.time.format.DateTimeFormatter GENERALIZED_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMddHHmmss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private UserEntries() {
    }

    /** The entry without memberOf and manager, which need the whole tree (see {@link RealmTree}). */
    static Entry entry(String realm, DN dn, SyncedUser user, Instant committed) {
        Map<String, List<String>> a = user.attributes();
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", OBJECT_CLASSES);
        e.addAttribute("uid", user.id());
        String display = first(a, "displayName");
        if (display == null) {
            String given = first(a, "givenName");
            String sur = first(a, "surname");
            display = given != null && sur != null ? given + " " + sur : first(a, "login") != null ? first(a, "login") : user.id();
        }
        e.addAttribute("cn", display);
        e.addAttribute("displayName", display);
        e.addAttribute("sn", first(a, "surname") != null ? first(a, "surname") : display);
        put(e, "givenName", a, "givenName");
        put(e, "mail", a, "mail");
        put(e, "userPrincipalName", a, "login");
        String login = first(a, "login");
        String sam = first(a, "samAccountName");
        if (sam == null && login != null) {
            sam = login.contains("@") ? login.substring(0, login.indexOf('@')) : login;
        }
        if (sam != null) {
            e.addAttribute("sAMAccountName", sam);
        }
        List<String> phones = a.getOrDefault("businessPhones", List.of());
        String extension = first(a, "extension");
        if (!phones.isEmpty()) {
            e.addAttribute("telephoneNumber", phones);
        } else if (extension != null) {
            e.addAttribute("telephoneNumber", extension);
        }
        if (extension != null) {
            e.addAttribute("ipPhone", extension);
        }
        put(e, "mobile", a, "mobile");
        put(e, "facsimileTelephoneNumber", a, "fax");
        put(e, "department", a, "department");
        put(e, "departmentNumber", a, "department");
        put(e, "title", a, "jobTitle");
        put(e, "physicalDeliveryOfficeName", a, "officeLocation");
        put(e, "street", a, "street");
        put(e, "l", a, "city");
        put(e, "st", a, "state");
        put(e, "postalCode", a, "postalCode");
        String country = first(a, "country");
        if (country != null && country.length() == 2) {
            e.addAttribute("c", country.toUpperCase(java.util.Locale.ROOT));
        }
        put(e, "preferredLanguage", a, "preferredLanguage");
        put(e, "employeeType", a, "userType");
        UUID uuid = uuid(realm, user);
        e.addAttribute("entryUUID", uuid.toString());
        e.addAttribute("objectGUID", guid(uuid));
        boolean enabled = !"false".equals(first(a, "enabled"));
        e.addAttribute("userAccountControl", String.valueOf(enabled ? ENABLED : DISABLED));
        String created = time(first(a, "sourceCreated"), committed);
        String modified = time(first(a, "sourceModified"), committed);
        e.addAttribute("createTimestamp", created);
        e.addAttribute("modifyTimestamp", modified);
        e.addAttribute("whenChanged", modified);
        return e;
    }

    /** Stable across restarts and nodes: derived from realm, source and upstream id. */
    static UUID uuid(String realm, SyncedUser user) {
        return UUID.nameUUIDFromBytes((realm + '\n' + user.sourceId() + '\n' + user.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** AD's objectGUID byte order: the first three fields little-endian, the rest as is. */
    static byte[] guid(UUID uuid) {
        byte[] b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return new byte[]{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
    }

    private static String time(String iso, Instant fallback) {
        if (iso != null && iso.length() == 20 && iso.charAt(4) == '-' && iso.charAt(10) == 'T' && iso.charAt(19) == 'Z'
                && iso.charAt(13) == ':' && digits(iso)) {
            // Graph's and Webex's usual "2026-11-26T13:43:16Z", rewritten without parsing (builds do 100,000s).
            return iso.substring(0, 4) + iso.substring(5, 7) + iso.substring(8, 10) + iso.substring(11, 13)
                    + iso.substring(14, 16) + iso.substring(17, 19) + ".000Z";
        }
        if (iso == null) {
            return formatted(fallback);
        }
        try {
            return GENERALIZED_TIME.format(Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return formatted(fallback);
        }
    }

    /** The commit time stands in for every user without upstream timestamps: format it once per commit. */
    private static volatile Map.Entry<Instant, String> lastFallback = Map.entry(Instant.EPOCH, "19700101000000.000Z");

    private static String formatted(Instant at) {
        Map.Entry<Instant, String> last = lastFallback;
        if (last.getKey().equals(at)) {
            return last.getValue();
        }
        String text = GENERALIZED_TIME.format(at);
        lastFallback = Map.entry(at, text);
        return text;
    }

    private static boolean digits(String iso) {
        for (int k : new int[]{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (!Character.isDigit(iso.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static void put(Entry e, String ldapName, Map<String, List<String>> a, String key) {
        List<String> v = a.get(key);
        if (v != null && !v.isEmpty()) {
            e.addAttribute(ldapName, v);
        }
    }

    private static String first(Map<String, List<String>> a, String key) {
        List<String> v = a.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
