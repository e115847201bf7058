package cloud.federation.realm.idp;

import cloud.federation.realm.idp.importer.PublicAddresses;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The identity-provider settings this service itself calls (discovery, metadata refresh, token, userinfo, JWKS), as
 * opposed to those only the user's browser visits. A realm admin may point them only at public https hosts, so
 * that an IdP's configuration is never a way to make this service reach its own network; operators may set anything.
 */
public final class ServerFetchedEndpoints {

    static final Set<String> KEYS = Set.of("issuer", "metadataDescriptorUrl", "tokenUrl", "userInfoUrl", "jwksUrl");

    private ServerFetchedEndpoints() {
    }

    public static void check(Map<String, String> config, AdminPrincipal who) {
        if (who.isOperator() || config == null) {
            return;
        }
        for (String key : KEYS) {
            String value = config.get(key);
            if (value == null || value.isBlank()) {
                continue;
            }
            Optional<String> refusal;
            try {
                refusal = PublicAddresses.whyNotPublicHttps(URI.create(value.trim()));
            } catch (IllegalArgumentException e) {
                refusal = Optional.of("not a valid URL");
            }
            if (refusal.isPresent()) {
                throw ProblemException.badRequest("config." + key + ": " + refusal.get());
            }
        }
    }
}
