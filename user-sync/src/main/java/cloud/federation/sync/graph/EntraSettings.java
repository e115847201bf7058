package cloud.federation.sync.graph;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * An Entra ID source's connection: app registration credentials, the authority that issues its tokens and the
 * Graph endpoint. {@code cloud} picks the national cloud's pair of hosts; explicit URLs override it (a proxy, a
 * private endpoint, a simulator).
 */
public record EntraSettings(String tenantId, String clientId, String clientSecret, URI authorityHost, URI graphBaseUrl,
                            String scope, String trustedCaPem) {

    enum Cloud {
        PUBLIC("https://login.microsoftonline.com/", "https://graph.microsoft.com"),
        USGOV("https://login.microsoftonline.us/", "https://graph.microsoft.us"),
        USGOV_DOD("https://login.microsoftonline.us/", "https://dod-graph.microsoft.us"),
        CHINA("https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn");

        final String authority;
        final String graph;

        Cloud(String authority, String graph) {
            this.authority = authority;
            this.graph = graph;
        }

        static Cloud named(String name) {
            try {
                return name == null || name.isBlank() ? PUBLIC
                        : valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cloud: '" + name + "' is not one of public, usgov, usgov-dod, china");
            }
        }
    }

    public static EntraSettings from(Map<String, String> config, Map<String, String> secrets) {
        Cloud cloud = Cloud.named(config.get("cloud"));
        URI authority = URI.create(or(config.get("authorityHost"), cloud.authority));
        URI graph = URI.create(trimSlash(or(config.get("graphBaseUrl"), cloud.graph + "/v1.0")));
        String scope = or(config.get("scope"), scopeFor(graph, cloud));
        return new EntraSettings(config.get("tenantId"), config.get("clientId"), secrets.get("clientSecret"), authority,
                graph, scope, config.get("trustedCaPem"));
    }

    /** Tokens are for the Graph resource of the cloud; a proxy or simulator in front of it keeps that audience. */
    private static String scopeFor(URI graph, Cloud cloud) {
        for (Cloud c : Cloud.values()) {
            if (URI.create(c.graph).getHost().equalsIgnoreCase(graph.getHost())) {
                return c.graph + "/.default";
            }
        }
        return cloud.graph + "/.default";
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
