package cloud.federation.server.console.suites;

import cloud.federation.realm.problem.ProblemException;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the console's suite forms submit, turned into the admin API's client representation so the same validation
 * (exact https redirect URLs, see {@code Validation.requireRedirectUri}) and the same audit record apply.
 */
public final class SuiteRegistrationForm {

    private SuiteRegistrationForm() {
    }

    /**
     * A new suite: its display name, its redirect URLs and a client secret generated here, because the console must
     * show it once and the service keeps only its hash. The client id is generated: suites are configured by copying
     * it, so it need not be memorable, and a random one cannot collide with or hint at another customer's.
     */
    public static ClientRepresentation newSuite(String name, String redirectUrls, String secret) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId("suite-" + UUID.randomUUID());
        rep.setName(name == null || name.isBlank() ? null : name.trim());
        if (rep.getName() == null) {
            throw ProblemException.badRequest("name: is required");
        }
        rep.setProtocol("openid-connect");
        rep.setPublicClient(false);
        rep.setEnabled(true);
        rep.setSecret(secret);
        rep.setRedirectUris(redirectUrls(redirectUrls));
        return rep;
    }

    /** A change of the redirect URLs only. */
    public static ClientRepresentation redirectUrlsChange(String redirectUrls) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setRedirectUris(redirectUrls(redirectUrls));
        return rep;
    }

    /** Switching the suite on or off only. */
    public static ClientRepresentation enabledChange(boolean enabled) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setEnabled(enabled);
        return rep;
    }

    /** One URL a line; blank lines and surrounding spaces are ignored, at least one URL is required. */
    static List<String> redirectUrls(String text) {
        List<String> urls = text == null ? List.of()
                : Arrays.stream(text.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (urls.isEmpty()) {
            throw ProblemException.badRequest("redirectUris: at least one redirect URL is required");
        }
        return urls;
    }
}
