package cloud.federation.sync.source;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.admin.Validation;
import cloud.federation.realm.audit.SecretScrubber;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.realm.model.JsonConverters;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.SecretCipher;
import cloud.federation.sync.filter.InvalidFilterException;
import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.http.TrustedCa;
import cloud.federation.sync.store.SyncStateStore;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Directory sources of a realm: validation, persistence with secrets sealed under the master key. */
@ApplicationScoped
public class DirectorySources {

    /** Changing any of these points the source at other data: the stored delta links no longer apply. */
    private static final Set<String> CONNECTION_KEYS = Set.of("tenantId", "clientId", "cloud", "authorityHost",
            "graphBaseUrl", "apiBaseUrl");
    /**
     * Where the server connects to: a realm admin could otherwise aim our server at hosts inside our network (SSRF).
     * Only operators set these; realm admins choose among the public and national clouds with {@code cloud}.
     */
    private static final Set<String> ENDPOINT_KEYS = Set.of("authorityHost", "graphBaseUrl", "apiBaseUrl", "trustedCaPem");
    static final Set<String> WEBEX_OBJECT_TYPES = Set.of("people", "workspaces", "virtualLines", "huntGroups",
            "callQueues", "autoAttendants");

    @Inject
    SecretCipher cipher;
    @Inject
    FederationConfig config;
    @Inject
    SyncStateStore state;

    @Transactional(Transactional.TxType.MANDATORY)
    public DirectorySourceEntity create(RealmEntity realm, DirectorySourceRepresentation rep, boolean operator) {
        DirectorySourceEntity source = new DirectorySourceEntity();
        source.id = UUID.randomUUID().toString();
        source.realm = realm;
        source.kind = kind(rep.type).entityKind;
        source.createdAt = Instant.now();
        apply(source, rep, Map.of());
        requireOperatorForEndpoints(Map.of(), source.config, operator);
        if (DirectorySourceEntity.count("realm = ?1 and name = ?2", realm, source.name) > 0) {
            throw ProblemException.conflict("Directory source '" + source.name + "' already exists in realm '"
                    + realm.name + "'");
        }
        source.persist();
        DirectorySourceEntity.getEntityManager().flush();
        state.created(source.id, realm.id);
        return source;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(DirectorySourceEntity source, DirectorySourceRepresentation rep, boolean operator) {
        if (rep.type != null && kind(rep.type).entityKind != source.kind) {
            throw ProblemException.badRequest("type: cannot be changed (was '" + source.kind + "')");
        }
        Map<String, String> before = new LinkedHashMap<>(source.config);
        String oldName = source.name;
        apply(source, rep, secrets(source));
        requireOperatorForEndpoints(before, source.config, operator);
        if (!oldName.equals(source.name) && DirectorySourceEntity.count("realm = ?1 and name = ?2 and id <> ?3",
                source.realm, source.name, source.id) > 0) {
            throw ProblemException.conflict("Directory source '" + source.name + "' already exists in realm '"
                    + source.realm.name + "'");
        }
        if (CONNECTION_KEYS.stream().anyMatch(k -> !Objects.equals(before.get(k), source.config.get(k)))) {
            state.requestFullSync(source.id);
        }
    }

    private static void requireOperatorForEndpoints(Map<String, String> before, Map<String, String> after, boolean operator) {
        for (String key : ENDPOINT_KEYS) {
            if (!operator && !Objects.equals(before.get(key), after.get(key))) {
                throw ProblemException.forbidden("config." + key + ": only operators may point a directory source at "
                        + "a custom endpoint; choose a cloud with config.cloud");
            }
        }
    }

    private void apply(DirectorySourceEntity source, DirectorySourceRepresentation rep, Map<String, String> oldSecrets) {
        SourceKind kind = SourceKind.of(source.kind);
        source.name = Validation.require("name", rep.name).strip();
        if (source.name.length() > 255) {
            throw ProblemException.badRequest("name: longer than 255 characters");
        }
        source.enabled = rep.enabled == null || rep.enabled;
        Map<String, String> publicPart = new LinkedHashMap<>();
        Map<String, String> secretPart = new LinkedHashMap<>();
        Map<String, String> given = rep.config == null ? Map.of() : rep.config;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? null : e.getValue().strip();
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (kind.secretKeys.contains(key)) {
                secretPart.put(key, SecretScrubber.MASK.equals(value) && oldSecrets.containsKey(key)
                        ? oldSecrets.get(key) : value);
            } else if (kind.publicKeys.contains(key)) {
                publicPart.put(key, value);
            } else {
                Set<String> known = new TreeSet<>(kind.publicKeys);
                known.addAll(kind.secretKeys);
                throw ProblemException.badRequest("config." + key + ": unknown key for " + source.kind
                        + " sources (known: " + String.join(", ", known) + ")");
            }
        }
        validate(kind, publicPart, secretPart);
        source.config = publicPart;
        source.secretConfig = secretPart.isEmpty() ? null : cipher.encrypt(JsonConverters.write(secretPart), purpose(source));
        try {
            source.filter = SourceFilter.parse(rep.filter).text().orElse(null);
        } catch (InvalidFilterException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        try {
            SourceSchedule.parse(rep.schedule, config.sync().entraSchedule());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        source.schedule = rep.schedule == null || rep.schedule.isBlank() ? null : rep.schedule.strip();
    }

    private static void validate(SourceKind kind, Map<String, String> config, Map<String, String> secrets) {
        if (kind == SourceKind.ENTRA) {
            Validation.require("config.tenantId", config.get("tenantId"));
            Validation.require("config.clientId", config.get("clientId"));
            Validation.require("config.clientSecret", secrets.get("clientSecret"));
            requireHttps("config.authorityHost", config.get("authorityHost"), false);
            requireHttps("config.graphBaseUrl", config.get("graphBaseUrl"), false);
            if (config.containsKey("cloud")) {
                try {
                    cloud.federation.sync.graph.EntraSettings.from(config, secrets);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("config." + e.getMessage());
                }
            }
        } else {
            boolean serviceApp = secrets.containsKey("refreshToken") || secrets.containsKey("clientSecret")
                    || config.containsKey("clientId");
            if (serviceApp) {
                Validation.require("config.clientId", config.get("clientId"));
                Validation.require("config.clientSecret", secrets.get("clientSecret"));
                Validation.require("config.refreshToken", secrets.get("refreshToken"));
            } else if (!secrets.containsKey("accessToken")) {
                throw ProblemException.badRequest("config: a Webex source needs accessToken, or a service app's "
                        + "clientId, clientSecret and refreshToken");
            }
            requireHttps("config.apiBaseUrl", config.get("apiBaseUrl"), true);
            String types = config.get("objectTypes");
            if (types != null) {
                for (String t : types.split(",")) {
                    if (!WEBEX_OBJECT_TYPES.contains(t.strip())) {
                        throw ProblemException.badRequest("config.objectTypes: '" + t.strip() + "' is not one of "
                                + String.join(", ", new TreeSet<>(WEBEX_OBJECT_TYPES)));
                    }
                }
            }
        }
        String disabled = config.get("disabledUsers");
        if (disabled != null && !List.of("exclude", "serve").contains(disabled.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("config.disabledUsers: '" + disabled + "' is not 'exclude' or 'serve'");
        }
        if (config.containsKey("trustedCaPem")) {
            try {
                TrustedCa.validate(config.get("trustedCaPem"));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("config." + e.getMessage());
            }
        }
    }

    /** Upstream credentials travel over TLS only; plain http is allowed to loopback (a local proxy or simulator). */
    private static void requireHttps(String field, String value, boolean loopbackHttp) {
        if (value == null) {
            return;
        }
        URI uri = Validation.requireHttpUrl(field, value);
        boolean loopback = List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !(loopbackHttp && loopback)) {
            throw ProblemException.badRequest(field + ": '" + value + "' must use https");
        }
    }

    private static SourceKind kind(String type) {
        if (type == null || type.isBlank()) {
            throw ProblemException.badRequest("type: is required ('entra' or 'webex')");
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "entra" -> SourceKind.ENTRA;
            case "webex" -> SourceKind.WEBEX;
            default -> throw ProblemException.badRequest("type: '" + type + "' is not 'entra' or 'webex'");
        };
    }

    /** Decrypted secret config, for the connectors. */
    public Map<String, String> secrets(DirectorySourceEntity source) {
        if (source.secretConfig == null) {
            return new LinkedHashMap<>();
        }
        return JsonConverters.read(cipher.decrypt(source.secretConfig, purpose(source)),
                new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /** Stores a rotated secret (a Webex service app's new refresh token) without an admin. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceSecret(DirectorySourceEntity source, String key, String value) {
        Map<String, String> secrets = secrets(source);
        secrets.put(key, value);
        source.secretConfig = cipher.encrypt(JsonConverters.write(secrets), purpose(source));
    }

    public DirectorySourceRepresentation toRepresentation(DirectorySourceEntity source) {
        DirectorySourceRepresentation rep = new DirectorySourceRepresentation();
        rep.id = source.id;
        rep.name = source.name;
        rep.type = source.kind.name();
        rep.enabled = source.enabled;
        rep.config = new LinkedHashMap<>(source.config);
        secrets(source).keySet().forEach(k -> rep.config.put(k, SecretScrubber.MASK));
        rep.filter = source.filter;
        rep.schedule = source.schedule;
        return rep;
    }

    private static String purpose(DirectorySourceEntity source) {
        return "directory_source/" + source.id;
    }
}
