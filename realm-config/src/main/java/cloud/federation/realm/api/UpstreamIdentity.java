package cloud.federation.realm.api;

import java.time.Instant;
import java.util.List;

/**
 * What an upstream identity provider asserted about the user, in one shape whatever the protocol. Both bridges
 * produce it; the broker turns it into a suite session. Upstream-private data (tokens, assertions) never goes here.
 *
 * @param subject the upstream's stable identifier of the user (never shown to suites)
 */
public record UpstreamIdentity(String subject, String email, boolean emailVerified, String name, String givenName,
                               String familyName, String preferredUsername, List<String> amr, String acr,
                               Instant authTime) {
}
