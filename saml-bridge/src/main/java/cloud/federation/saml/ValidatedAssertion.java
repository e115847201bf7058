package cloud.federation.saml;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The values of an assertion that passed every check, read from the signed element itself. */
public record ValidatedAssertion(String id, Instant notOnOrAfter, String nameId, String nameIdFormat,
                                 Map<String, List<String>> attributes, Instant authnInstant, String authnContextClassRef) {
}
