package cloud.federation.server.console.directory;

import java.util.List;
import java.util.Locale;

/**
 * The settings the console's form offers for each kind of directory source: the config keys the directory-source
 * API accepts for it, which of them are secrets (write-only), and which only operators may set (they point our
 * server at a host, see {@code DirectorySources}).
 */
public final class SourceFields {

    /** One form field; {@code options} non-empty makes it a choice, {@code multiline} a text area. */
    public record Field(String key, String label, String hint, boolean secret, boolean operatorOnly, boolean multiline,
                        List<String> options) {
    }

    public static final List<String> KINDS = List.of("entra", "webex");

    private static final Field DISABLED_USERS = new Field("disabledUsers", "Disabled accounts",
            "exclude: leave them out (default); serve: serve them, marked disabled", false, false, false,
            List.of("", "exclude", "serve"));
    private static final Field TRUSTED_CA = new Field("trustedCaPem", "Trusted CA certificates (PEM)",
            "Only for endpoints with a private CA", false, true, true, List.of());

    private static final List<Field> ENTRA = List.of(
            text("tenantId", "Tenant id", "The directory (tenant) id of the app registration"),
            text("clientId", "Client id", "The application (client) id"),
            secret("clientSecret", "Client secret"),
            new Field("cloud", "Cloud", "The national cloud; blank is the public cloud", false, false, false,
                    List.of("", "public", "usgov", "usgov-dod", "china")),
            new Field("authorityHost", "Authority URL", "Overrides the cloud's token endpoint host", false, true, false,
                    List.of()),
            new Field("graphBaseUrl", "Graph URL", "Overrides the cloud's Graph endpoint, e.g. https://graph.microsoft.com/v1.0",
                    false, true, false, List.of()),
            text("scope", "Token scope", "Blank: the Graph resource of the cloud"),
            TRUSTED_CA, DISABLED_USERS);

    private static final List<Field> WEBEX = List.of(
            secret("accessToken", "Access token"),
            text("clientId", "Service app client id", "With client secret and refresh token instead of an access token"),
            secret("clientSecret", "Service app client secret"),
            secret("refreshToken", "Service app refresh token"),
            new Field("apiBaseUrl", "API URL", "Blank: https://webexapis.com", false, true, false, List.of()),
            text("objectTypes", "Object types", "Comma-separated: people, workspaces, virtualLines, huntGroups, "
                    + "callQueues, autoAttendants (blank: all)"),
            TRUSTED_CA, DISABLED_USERS);

    private SourceFields() {
    }

    /** The kind as the API names it ("entra", "webex"), from any spelling; null if it is neither. */
    public static String kind(String type) {
        String k = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        return KINDS.contains(k) ? k : null;
    }

    public static List<Field> of(String kind) {
        return "webex".equals(kind) ? WEBEX : ENTRA;
    }

    public static String label(String kind) {
        return "webex".equals(kind) ? "Webex" : "Entra ID";
    }

    private static Field text(String key, String label, String hint) {
        return new Field(key, label, hint, false, false, false, List.of());
    }

    private static Field secret(String key, String label) {
        return new Field(key, label, null, true, false, false, List.of());
    }
}
