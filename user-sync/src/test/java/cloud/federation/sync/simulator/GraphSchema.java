package cloud.federation.sync.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The user and group properties the simulator knows, by their Graph v1.0 names. */
final class GraphSchema {

    static final List<String> USER = List.of(
            "userPrincipalName", "mail", "otherMails", "displayName", "givenName", "surname", "businessPhones",
            "mobilePhone", "faxNumber", "department", "jobTitle", "officeLocation", "streetAddress", "city", "state",
            "postalCode", "country", "preferredLanguage", "userType", "accountEnabled", "onPremisesSamAccountName",
            "employeeId", "createdDateTime");

    /** What Graph returns for users when the request has no $select. */
    static final List<String> USER_DEFAULT = List.of(
            "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
            "preferredLanguage", "surname", "userPrincipalName");

    static final List<String> GROUP = List.of(
            "displayName", "description", "mail", "mailEnabled", "mailNickname", "securityEnabled", "groupTypes",
            "visibility", "createdDateTime");

    /** Navigation properties that delta reports as {@code name@delta} annotations. */
    static final String MANAGER = "manager";
    static final String MEMBERS = "members";

    static final Set<String> COLLECTIONS = Set.of("otherMails", "businessPhones", "groupTypes");
    static final Set<String> BOOLEANS = Set.of("accountEnabled", "mailEnabled", "securityEnabled");

    private GraphSchema() {
    }

    static List<String> properties(boolean groups) {
        return groups ? GROUP : USER;
    }

    static String navigation(boolean groups) {
        return groups ? MEMBERS : MANAGER;
    }

    /** Graph matches property names case-insensitively; this returns the canonical spelling or null. */
    static String canonical(boolean groups, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String property : properties(groups)) {
            if (property.toLowerCase(Locale.ROOT).equals(wanted)) {
                return property;
            }
        }
        return navigation(groups).equals(wanted) ? navigation(groups) : null;
    }

    static int index(boolean groups, String property) {
        int index = properties(groups).indexOf(property);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown " + (groups ? "group" : "user") + " property '" + property + "'");
        }
        return index;
    }
}
