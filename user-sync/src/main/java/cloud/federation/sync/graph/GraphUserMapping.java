package cloud.federation.sync.graph;

import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import cloud.federation.sync.user.UserType;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Graph {@code user} properties to normalised attributes. Only properties present in the message are reported: an
 * updated user in a delta carries just what changed, and a property sent as {@code null} was cleared.
 */
final class GraphUserMapping {

    private static final Map<String, UserAttribute> SCALARS = Map.ofEntries(
            Map.entry("userPrincipalName", UserAttribute.LOGIN),
            Map.entry("mail", UserAttribute.MAIL),
            Map.entry("displayName", UserAttribute.DISPLAY_NAME),
            Map.entry("givenName", UserAttribute.GIVEN_NAME),
            Map.entry("surname", UserAttribute.SURNAME),
            Map.entry("mobilePhone", UserAttribute.MOBILE),
            Map.entry("faxNumber", UserAttribute.FAX),
            Map.entry("department", UserAttribute.DEPARTMENT),
            Map.entry("jobTitle", UserAttribute.JOB_TITLE),
            Map.entry("officeLocation", UserAttribute.OFFICE_LOCATION),
            Map.entry("streetAddress", UserAttribute.STREET),
            Map.entry("city", UserAttribute.CITY),
            Map.entry("state", UserAttribute.STATE),
            Map.entry("postalCode", UserAttribute.POSTAL_CODE),
            Map.entry("country", UserAttribute.COUNTRY),
            Map.entry("preferredLanguage", UserAttribute.PREFERRED_LANGUAGE),
            Map.entry("onPremisesSamAccountName", UserAttribute.SAM_ACCOUNT_NAME),
            Map.entry("employeeId", UserAttribute.EMPLOYEE_ID),
            Map.entry("createdDateTime", UserAttribute.SOURCE_CREATED));
    private static final Map<String, UserAttribute> LISTS = Map.of(
            "otherMails", UserAttribute.OTHER_MAILS,
            "businessPhones", UserAttribute.BUSINESS_PHONES);

    /** Everything we map, for {@code $select} (Graph returns a small default set otherwise). */
    static final String[] SELECT = select();

    private GraphUserMapping() {
    }

    private static String[] select() {
        List<String> names = new ArrayList<>(List.of("id", "userType", "accountEnabled", "manager"));
        names.addAll(SCALARS.keySet());
        names.addAll(LISTS.keySet());
        return names.stream().sorted().toArray(String[]::new);
    }

    static UserPatch toPatch(JsonNode user) {
        UserPatch patch = new UserPatch(user.get("id").asText());
        SCALARS.forEach((property, attribute) -> {
            if (user.has(property)) {
                patch.set(attribute, text(user.get(property)));
            }
        });
        LISTS.forEach((property, attribute) -> {
            if (user.has(property)) {
                List<String> values = new ArrayList<>();
                user.get(property).forEach(v -> values.add(text(v)));
                patch.set(attribute, values);
            }
        });
        if (user.has("userType")) {
            String type = text(user.get("userType"));
            patch.set(UserAttribute.USER_TYPE, "Guest".equalsIgnoreCase(type) ? UserType.GUEST.value() : UserType.USER.value());
        }
        if (user.has("accountEnabled")) {
            JsonNode enabled = user.get("accountEnabled");
            patch.set(UserAttribute.ENABLED, enabled.isNull() ? null : String.valueOf(enabled.asBoolean(true)));
        }
        manager(user).ifPresent(id -> patch.set(UserAttribute.MANAGER, id));
        return patch;
    }

    /**
     * The manager's object id: {@code manager} as an object, or {@code manager@delta} as delta reports a change
     * (an entry marked {@code @removed} clears it). Empty string means "cleared"; absent means "not reported".
     */
    private static java.util.Optional<String> manager(JsonNode user) {
        JsonNode delta = user.get("manager@delta");
        if (delta != null && delta.isArray()) {
            String current = "";
            for (JsonNode m : delta) {
                current = m.has("@removed") ? "" : m.path("id").asText("");
            }
            return java.util.Optional.of(current);
        }
        if (user.has("manager")) {
            JsonNode m = user.get("manager");
            return java.util.Optional.of(m == null || m.isNull() ? "" : m.path("id").asText(""));
        }
        return java.util.Optional.empty();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
