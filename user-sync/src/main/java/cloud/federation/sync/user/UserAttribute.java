package cloud.federation.sync.user;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The normalised attributes of a synced user, whatever directory it came from. The names are what source filters,
 * the admin preview and the LDAP facade's attribute mapping refer to.
 */
public enum UserAttribute {
    LOGIN("login"),
    MAIL("mail"),
    OTHER_MAILS("otherMails"),
    DISPLAY_NAME("displayName"),
    GIVEN_NAME("givenName"),
    SURNAME("surname"),
    BUSINESS_PHONES("businessPhones"),
    EXTENSION("extension"),
    MOBILE("mobile"),
    FAX("fax"),
    DEPARTMENT("department"),
    JOB_TITLE("jobTitle"),
    OFFICE_LOCATION("officeLocation"),
    STREET("street"),
    CITY("city"),
    STATE("state"),
    POSTAL_CODE("postalCode"),
    COUNTRY("country"),
    PREFERRED_LANGUAGE("preferredLanguage"),
    USER_TYPE("userType"),
    ENABLED("enabled"),
    MANAGER("manager"),
    SAM_ACCOUNT_NAME("samAccountName"),
    EMPLOYEE_ID("employeeId"),
    SOURCE_CREATED("sourceCreated"),
    SOURCE_MODIFIED("sourceModified");

    private static final Map<String, UserAttribute> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toMap(a -> a.key.toLowerCase(java.util.Locale.ROOT), Function.identity()));

    private final String key;

    UserAttribute(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Phone numbers compare ignoring spaces, dashes, dots and parentheses, like LDAP's telephoneNumberMatch. */
    public boolean isTelephone() {
        return this == BUSINESS_PHONES || this == MOBILE || this == FAX || this == EXTENSION;
    }

    public static Optional<UserAttribute> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key.toLowerCase(java.util.Locale.ROOT)));
    }
}
