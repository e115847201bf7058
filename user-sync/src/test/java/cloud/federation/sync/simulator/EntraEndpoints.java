package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The slice of Microsoft Entra ID a daemon app touches: the v2.0 token endpoint with the client-credentials grant
 * (client secret), the tenant's OpenID configuration, and MSAL's instance discovery.
 */
final class EntraEndpoints {

    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final String host;
    private final Consumer<String> issued;

    /** @param host base URL with trailing slash; {@code issued} learns every access token handed out */
    EntraEndpoints(String tenantId, String clientId, String clientSecret, String host, Consumer<String> issued) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.host = host;
        this.issued = issued;
    }

    boolean credentialsValid(String tenant, Map<String, List<String>> form, String authorization) {
        String[] basic = basic(authorization);
        String id = basic != null ? basic[0] : QueryString.first(form, "client_id");
        String secret = basic != null ? basic[1] : QueryString.first(form, "client_secret");
        return tenantId.equals(tenant) && clientId.equals(id) && clientSecret.equals(secret);
    }

    Answer token(String tenant, Map<String, List<String>> form, String authorization, String correlationId) {
        if (!tenantId.equalsIgnoreCase(tenant)) {
            return GraphErrors.entra(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
                    + "you have the correct tenant ID and are signing into the correct cloud.", correlationId, host);
        }
        String grantType = QueryString.first(form, "grant_type");
        if (grantType == null) {
            return missing("grant_type", correlationId);
        }
        if (!grantType.equals("client_credentials")) {
            return GraphErrors.entra(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'.", correlationId, host);
        }
        String[] basic = basic(authorization);
        String id = basic != null ? basic[0] : QueryString.first(form, "client_id");
        String secret = basic != null ? basic[1] : QueryString.first(form, "client_secret");
        if (id == null) {
            return missing("client_id", correlationId);
        }
        if (!clientId.equals(id)) {
            return GraphErrors.entra(400, "unauthorized_client", 700016, "Application with identifier '" + id
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not been "
                    + "installed by the administrator of the tenant.", correlationId, host);
        }
        if (QueryString.first(form, "client_assertion") != null) {
            return GraphErrors.entra(401, "invalid_client", 700027,
                    "Client assertion failed signature validation.", correlationId, host);
        }
        if (secret == null) {
            return GraphErrors.entra(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
                    + "required for the 'client_credentials' grant type.", correlationId, host);
        }
        if (!clientSecret.equals(secret)) {
            return GraphErrors.entra(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID, for a secret added "
                    + "to app '" + clientId + "'.", correlationId, host);
        }
        String scope = QueryString.first(form, "scope");
        if (scope == null) {
            return missing("scope", correlationId);
        }
        // MSAL adds the OpenID scopes to every request; Entra ignores them next to a resource's /.default scope.
        scope = java.util.Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> !java.util.Set.of("openid", "profile", "offline_access").contains(s))
                .collect(java.util.stream.Collectors.joining(" "));
        if (!scope.trim().equals(GRAPH_SCOPE)) {
            if (!scope.trim().endsWith("/.default")) {
                return GraphErrors.entra(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not "
                        + "valid. Client credential flows must have a scope value with /.default suffixed to the resource "
                        + "identifier (application ID URI).", correlationId, host);
            }
            return GraphErrors.entra(400, "invalid_resource", 500011, "The resource principal named "
                    + scope.trim().substring(0, scope.trim().length() - "/.default".length())
                    + " was not found in the tenant named " + tenantId + ".", correlationId, host);
        }
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String accessToken = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        issued.accept(accessToken);
        ObjectNode body = JSON.objectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", accessToken);
        return Answer.of(200, GraphErrors.ENTRA_JSON, GraphErrors.bytes(body))
                .header("Cache-Control", "no-store, no-cache")
                .header("Pragma", "no-cache");
    }

    Answer openIdConfiguration(String tenant) {
        String base = host + tenant;
        ObjectNode body = JSON.objectNode();
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        body.put("jwks_uri", host + tenant + "/discovery/v2.0/keys");
        body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        body.put("issuer", host + tenantId + "/v2.0");
        body.put("request_uri_parameter_supported", false);
        body.put("userinfo_endpoint", host + "oidc/userinfo");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        body.put("http_logout_supported", true);
        body.put("frontchannel_logout_supported", true);
        body.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        body.putArray("claims_supported").add("sub").add("iss").add("aud").add("exp").add("iat").add("tid");
        body.put("kerberos_endpoint", base + "/kerberos");
        body.put("tenant_region_scope", "NA");
        body.put("cloud_instance_name", "microsoftonline.com");
        body.put("cloud_graph_host_name", "graph.windows.net");
        body.put("msgraph_host", "graph.microsoft.com");
        body.put("rbac_url", "https://pas.windows.net");
        return Answer.of(200, GraphErrors.ENTRA_JSON, GraphErrors.bytes(body));
    }

    /** What MSAL asks {@code /common/discovery/instance} before trusting an authority: this host is its own alias. */
    Answer instanceDiscovery(Map<String, List<String>> query) {
        String authority = host.substring("https://".length(), host.length() - 1);
        String endpoint = QueryString.first(query, "authorization_endpoint");
        String tenant = tenantId;
        if (endpoint != null) {
            String[] parts = endpoint.replaceFirst("^https?://[^/]+/", "").split("/");
            if (parts.length > 0 && !parts[0].isEmpty()) {
                tenant = parts[0];
            }
        }
        ObjectNode body = JSON.objectNode();
        body.put("tenant_discovery_endpoint", host + tenant + "/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        ObjectNode metadata = body.putArray("metadata").addObject();
        metadata.put("preferred_network", authority);
        metadata.put("preferred_cache", authority);
        metadata.putArray("aliases").add(authority).add("127.0.0.1");
        return Answer.of(200, GraphErrors.ENTRA_JSON, GraphErrors.bytes(body));
    }

    private Answer missing(String parameter, String correlationId) {
        return GraphErrors.entra(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + parameter + "'.", correlationId, host);
    }

    /** client_secret_basic: id and secret in HTTP Basic, each form-encoded first (RFC 6749 section 2.3.1). */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {
                    java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
