package cloud.federation.sync.webex;

import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import cloud.federation.sync.user.UserType;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Webex people, workspaces and Calling objects to normalised users. Every run lists everything, so each patch
 * reports every attribute; one the object lacks is cleared.
 */
final class WebexMapping {

    private WebexMapping() {
    }

    static UserPatch person(JsonNode p, Map<String, String> locationNames) {
        UserPatch patch = new UserPatch(p.get("id").asText());
        List<String> emails = strings(p.path("emails"));
        patch.set(UserAttribute.MAIL, emails.isEmpty() ? null : emails.get(0));
        patch.set(UserAttribute.LOGIN, emails.isEmpty() ? null : emails.get(0));
        patch.set(UserAttribute.OTHER_MAILS, emails.size() > 1 ? emails.subList(1, emails.size()) : List.of());
        patch.set(UserAttribute.DISPLAY_NAME, text(p, "displayName"));
        patch.set(UserAttribute.GIVEN_NAME, text(p, "firstName"));
        patch.set(UserAttribute.SURNAME, text(p, "lastName"));
        List<String> work = new ArrayList<>();
        List<String> mobile = new ArrayList<>();
        List<String> fax = new ArrayList<>();
        String extension = text(p, "extension");
        for (JsonNode number : p.path("phoneNumbers")) {
            String value = text(number, "value");
            switch (number.path("type").asText("")) {
                case "work" -> work.add(value);
                case "mobile" -> mobile.add(value);
                case "fax" -> fax.add(value);
                case "work_extension" -> extension = extension == null ? value : extension;
                default -> { }
            }
        }
        patch.set(UserAttribute.BUSINESS_PHONES, work);
        patch.set(UserAttribute.MOBILE, mobile.isEmpty() ? null : mobile.get(0));
        patch.set(UserAttribute.FAX, fax.isEmpty() ? null : fax.get(0));
        patch.set(UserAttribute.EXTENSION, extension);
        patch.set(UserAttribute.DEPARTMENT, text(p, "department"));
        patch.set(UserAttribute.JOB_TITLE, text(p, "title"));
        patch.set(UserAttribute.MANAGER, text(p, "managerId"));
        String location = text(p, "locationId");
        patch.set(UserAttribute.OFFICE_LOCATION, location == null ? null : locationNames.get(location));
        JsonNode address = p.path("addresses").path(0);
        patch.set(UserAttribute.STREET, text(address, "streetAddress"));
        patch.set(UserAttribute.CITY, text(address, "locality"));
        patch.set(UserAttribute.STATE, text(address, "region"));
        patch.set(UserAttribute.POSTAL_CODE, text(address, "postalCode"));
        patch.set(UserAttribute.COUNTRY, text(address, "country"));
        patch.set(UserAttribute.PREFERRED_LANGUAGE, text(p, "preferredLanguage"));
        patch.set(UserAttribute.USER_TYPE, UserType.USER.value());
        // "status" is presence (active, inactive, meeting…), not the account's state; loginEnabled is.
        patch.set(UserAttribute.ENABLED, String.valueOf(p.path("loginEnabled").asBoolean(true)));
        patch.set(UserAttribute.SOURCE_CREATED, text(p, "created"));
        patch.set(UserAttribute.SOURCE_MODIFIED, text(p, "lastModified"));
        return patch;
    }

    static UserPatch workspace(JsonNode w, Map<String, String> locationNames) {
        UserPatch patch = blank(w.get("id").asText(), UserType.WORKSPACE);
        patch.set(UserAttribute.DISPLAY_NAME, text(w, "displayName"));
        patch.set(UserAttribute.LOGIN, text(w, "sipAddress"));
        String location = text(w, "locationId");
        patch.set(UserAttribute.OFFICE_LOCATION, location == null ? null : locationNames.get(location));
        patch.set(UserAttribute.SOURCE_CREATED, text(w, "created"));
        return patch;
    }

    static UserPatch virtualLine(JsonNode v) {
        UserPatch patch = blank(v.get("id").asText(), UserType.VIRTUAL_LINE);
        String first = text(v, "firstName");
        String last = text(v, "lastName");
        patch.set(UserAttribute.GIVEN_NAME, first);
        patch.set(UserAttribute.SURNAME, last);
        patch.set(UserAttribute.DISPLAY_NAME, text(v, "displayName") != null ? text(v, "displayName")
                : String.join(" ", strings(first, last)));
        JsonNode number = v.path("number");
        patch.set(UserAttribute.BUSINESS_PHONES, strings(text(number, "external")));
        patch.set(UserAttribute.EXTENSION, text(number, "extension"));
        patch.set(UserAttribute.OFFICE_LOCATION, text(v.path("location"), "name"));
        return patch;
    }

    /** Hunt groups, call queues and auto attendants share one list shape. */
    static UserPatch callingFeature(JsonNode f, UserType type) {
        UserPatch patch = blank(f.get("id").asText(), type);
        patch.set(UserAttribute.DISPLAY_NAME, text(f, "name"));
        patch.set(UserAttribute.BUSINESS_PHONES, strings(text(f, "phoneNumber")));
        patch.set(UserAttribute.EXTENSION, text(f, "extension"));
        patch.set(UserAttribute.OFFICE_LOCATION, text(f, "locationName"));
        patch.set(UserAttribute.ENABLED, String.valueOf(f.path("enabled").asBoolean(true)));
        return patch;
    }

    private static UserPatch blank(String id, UserType type) {
        UserPatch patch = new UserPatch(id);
        patch.set(UserAttribute.USER_TYPE, type.value());
        patch.set(UserAttribute.ENABLED, "true");
        return patch;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> {
            if (!v.isNull() && !v.asText().isBlank()) {
                out.add(v.asText());
            }
        });
        return out;
    }

    /** The non-empty ones among values that may be absent. */
    private static List<String> strings(String... values) {
        return java.util.Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
    }
}
