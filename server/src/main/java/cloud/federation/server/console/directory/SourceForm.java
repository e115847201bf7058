package cloud.federation.server.console.directory;

import cloud.federation.sync.source.DirectorySourceRepresentation;
import jakarta.ws.rs.FormParam;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The source form as submitted: the common fields, and every config field of either kind (absent when not shown). */
public class SourceForm {

    @FormParam("name")
    public String name;
    @FormParam("schedule")
    public String schedule;
    @FormParam("filter")
    public String filter;
    @FormParam("tenantId")
    public String tenantId;
    @FormParam("clientId")
    public String clientId;
    @FormParam("clientSecret")
    public String clientSecret;
    @FormParam("cloud")
    public String cloud;
    @FormParam("authorityHost")
    public String authorityHost;
    @FormParam("graphBaseUrl")
    public String graphBaseUrl;
    @FormParam("scope")
    public String scope;
    @FormParam("trustedCaPem")
    public String trustedCaPem;
    @FormParam("disabledUsers")
    public String disabledUsers;
    @FormParam("accessToken")
    public String accessToken;
    @FormParam("refreshToken")
    public String refreshToken;
    @FormParam("apiBaseUrl")
    public String apiBaseUrl;
    @FormParam("objectTypes")
    public String objectTypes;

    Map<String, String> config() {
        Map<String, String> m = new HashMap<>();
        m.put("tenantId", tenantId);
        m.put("clientId", clientId);
        m.put("clientSecret", clientSecret);
        m.put("cloud", cloud);
        m.put("authorityHost", authorityHost);
        m.put("graphBaseUrl", graphBaseUrl);
        m.put("scope", scope);
        m.put("trustedCaPem", trustedCaPem);
        m.put("disabledUsers", disabledUsers);
        m.put("accessToken", accessToken);
        m.put("refreshToken", refreshToken);
        m.put("apiBaseUrl", apiBaseUrl);
        m.put("objectTypes", objectTypes);
        return m;
    }

    /**
     * The representation to save. Starts from the stored one ({@code existing}, null when creating), whose secrets
     * are masks: a secret field left blank keeps the stored secret, a field the form did not show (operator-only
     * ones for realm admins) keeps its value, and a public field emptied clears it.
     */
    DirectorySourceRepresentation toRepresentation(String kind, DirectorySourceRepresentation existing) {
        DirectorySourceRepresentation rep = new DirectorySourceRepresentation();
        rep.type = kind;
        rep.name = name;
        rep.enabled = existing == null || existing.enabled == null || existing.enabled;
        rep.schedule = schedule;
        rep.filter = filter;
        rep.config = existing == null || existing.config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing.config);
        Map<String, String> submitted = config();
        for (SourceFields.Field f : SourceFields.of(kind)) {
            String value = submitted.get(f.key());
            if (f.secret()) {
                if (value != null && !value.isBlank()) {
                    rep.config.put(f.key(), value);
                }
            } else if (value != null) {
                rep.config.put(f.key(), value);
            }
        }
        return rep;
    }
}
