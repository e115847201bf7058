package cloud.federation.sync.user;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one upstream message says about a user: the attributes it carried. An attribute that is absent was not
 * reported (a delta carries only what changed); one that is present with no values was cleared upstream, and a
 * cleared value must propagate.
 */
public final class UserPatch {

    private final String id;
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();

    public UserPatch(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public String id() {
        return id;
    }

    public UserPatch set(UserAttribute attribute, String value) {
        attributes.put(attribute.key(), value == null || value.isBlank() ? List.of() : List.of(value.strip()));
        return this;
    }

    public UserPatch set(UserAttribute attribute, Collection<String> values) {
        attributes.put(attribute.key(), values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList());
        return this;
    }

    public boolean reports(UserAttribute attribute) {
        return attributes.containsKey(attribute.key());
    }

    public Map<String, List<String>> attributes() {
        return attributes;
    }

    /** A later message about the same user wins attribute by attribute (Graph may replay or split an object). */
    public UserPatch overlay(UserPatch later) {
        attributes.putAll(later.attributes);
        return this;
    }
}
