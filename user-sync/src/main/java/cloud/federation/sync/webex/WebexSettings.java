package cloud.federation.sync.webex;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Webex source's connection: an access token (a bot or an integration's), or a service app that refreshes its
 * own tokens, and which object types to list.
 */
public record WebexSettings(URI apiBaseUrl, String accessToken, String clientId, String clientSecret,
                            String refreshToken, String trustedCaPem, Set<String> objectTypes) {

    public static final String DEFAULT_API = "https://webexapis.com";
    static final Set<String> ALL_TYPES = new LinkedHashSet<>(Arrays.asList("people", "workspaces", "virtualLines",
            "huntGroups", "callQueues", "autoAttendants"));

    public static WebexSettings from(Map<String, String> config, Map<String, String> secrets) {
        String base = config.getOrDefault("apiBaseUrl", DEFAULT_API).strip();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        Set<String> types = ALL_TYPES;
        if (config.containsKey("objectTypes")) {
            types = new LinkedHashSet<>();
            for (String t : config.get("objectTypes").split(",")) {
                types.add(t.strip());
            }
        }
        return new WebexSettings(URI.create(base), secrets.get("accessToken"), config.get("clientId"),
                secrets.get("clientSecret"), secrets.get("refreshToken"), config.get("trustedCaPem"), types);
    }

    boolean serviceApp() {
        return accessToken == null && refreshToken != null;
    }
}
