package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.api.UpstreamLoginException;

import java.util.List;
import java.util.Map;

/**
 * Attribute names of Entra ID, ADFS, Okta, Keycloak and the X.500 OIDs, to our identity. The email comes from an
 * emailAddress NameID or the first email attribute present (or the one configured in {@code emailAttribute}).
 */
public final class SamlIdentityMapping {

    static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    static final List<String> EMAIL = List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "email", "mail", "Email", "urn:oid:0.9.2342.19200300.100.1.3");
    static final List<String> GIVEN = List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
            "firstName", "givenName", "urn:oid:2.5.4.42");
    static final List<String> FAMILY = List.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
            "lastName", "sn", "surname", "urn:oid:2.5.4.4");
    static final List<String> DISPLAY = List.of("http://schemas.microsoft.com/identity/claims/displayname",
            "displayName", "name", "urn:oid:2.16.840.1.113730.3.1.241");

    private SamlIdentityMapping() {
    }

    public static UpstreamIdentity identity(ValidatedAssertion a, Map<String, String> config) throws UpstreamLoginException {
        String subjectAttribute = config.get("subjectAttribute");
        String subject = subjectAttribute == null ? a.nameId() : first(a.attributes(), List.of(subjectAttribute));
        if (subject == null || subject.isBlank()) {
            throw new UpstreamLoginException("saml_subject_missing", "The assertion carries no stable subject");
        }
        String emailAttribute = config.get("emailAttribute");
        String email = emailAttribute != null ? first(a.attributes(), List.of(emailAttribute))
                : EMAIL_FORMAT.equals(a.nameIdFormat()) ? a.nameId() : first(a.attributes(), EMAIL);
        String given = first(a.attributes(), GIVEN);
        String family = first(a.attributes(), FAMILY);
        String display = first(a.attributes(), DISPLAY);
        if (display == null && given != null && family != null) {
            display = given + " " + family;
        }
        // SAML has no email_verified: an IdP that asserts an address vouches for it; domain binding still applies.
        return new UpstreamIdentity(subject, email, email != null, display, given, family, email, List.of(),
                a.authnContextClassRef(), a.authnInstant());
    }

    private static String first(Map<String, List<String>> attributes, List<String> names) {
        for (String name : names) {
            List<String> values = attributes.get(name);
            if (values != null && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                return values.get(0).trim();
            }
        }
        return null;
    }
}
