package cloud.federation.sync.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A synced user as stored: its stable upstream id and its normalised attributes (empty values omitted). */
public final class DirectoryUser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, List<String>>> MAP = new TypeReference<>() { };

    private final String id;
    private final TreeMap<String, List<String>> attributes;

    private DirectoryUser(String id, TreeMap<String, List<String>> attributes) {
        this.id = id;
        this.attributes = attributes;
    }

    /** A user known only from this patch (a full listing, or a user a delta reports for the first time). */
    public static DirectoryUser from(UserPatch patch) {
        return empty(patch.id()).merge(patch);
    }

    public static DirectoryUser empty(String id) {
        return new DirectoryUser(id, new TreeMap<>());
    }

    public DirectoryUser merge(UserPatch patch) {
        TreeMap<String, List<String>> next = new TreeMap<>(attributes);
        patch.attributes().forEach((k, v) -> {
            if (v.isEmpty()) {
                next.remove(k);
            } else {
                next.put(k, List.copyOf(v));
            }
        });
        return new DirectoryUser(id, next);
    }

    public String id() {
        return id;
    }

    public Map<String, List<String>> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<String> values(UserAttribute attribute) {
        return attributes.getOrDefault(attribute.key(), List.of());
    }

    public Optional<String> first(UserAttribute attribute) {
        List<String> v = values(attribute);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public boolean enabled() {
        return !"false".equals(first(UserAttribute.ENABLED).orElse("true"));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DirectoryUser fromJson(String id, String json) {
        try {
            return new DirectoryUser(id, JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes of a synced user are not JSON", e);
        }
    }

    /** Stable over attribute order, so an unchanged user re-listed in a full sync is not rewritten. */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
