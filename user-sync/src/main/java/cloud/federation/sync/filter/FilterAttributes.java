package cloud.federation.sync.filter;

import cloud.federation.sync.user.UserAttribute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Attribute names a source filter may use: every normalised attribute by its own name, the names customers know
 * from their admin portals, and the LDAP names suites already use. An alias may stand for several attributes; the
 * assertion then holds when any of them matches.
 */
final class FilterAttributes {

    /** The user's stable upstream id: not an attribute of the map, so it gets a marker of its own. */
    static final List<UserAttribute> ID = List.of();

    private static final Map<String, List<UserAttribute>> ALIASES = new LinkedHashMap<>();

    static {
        alias(List.of(UserAttribute.MAIL), "email", "mail");
        alias(List.of(UserAttribute.OFFICE_LOCATION), "location", "physicalDeliveryOfficeName");
        alias(List.of(UserAttribute.BUSINESS_PHONES, UserAttribute.MOBILE, UserAttribute.EXTENSION), "phoneNumber");
        alias(List.of(UserAttribute.BUSINESS_PHONES), "telephoneNumber");
        alias(List.of(UserAttribute.USER_TYPE), "employeeType");
        alias(List.of(UserAttribute.DISPLAY_NAME), "cn");
        alias(List.of(UserAttribute.SURNAME), "sn");
        alias(List.of(UserAttribute.JOB_TITLE), "title");
        alias(List.of(UserAttribute.CITY), "l");
        alias(List.of(UserAttribute.STATE), "st");
        alias(List.of(UserAttribute.COUNTRY), "c");
        alias(List.of(UserAttribute.LOGIN), "userPrincipalName", "upn");
        alias(List.of(UserAttribute.SAM_ACCOUNT_NAME), "sAMAccountName");
        alias(ID, "id", "uid");
    }

    private FilterAttributes() {
    }

    private static void alias(List<UserAttribute> targets, String... names) {
        for (String name : names) {
            ALIASES.put(name.toLowerCase(Locale.ROOT), targets);
        }
    }

    static Optional<List<UserAttribute>> resolve(String name) {
        List<UserAttribute> alias = ALIASES.get(name.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return Optional.of(alias);
        }
        return UserAttribute.byKey(name).map(List::of);
    }
}
