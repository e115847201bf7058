package cloud.federation.sync.run;

import cloud.federation.realm.model.DirectorySourceEntity;

import java.util.Map;

/** A source's settings as read at the start of a run, detached from the persistence context. */
public record SourceSnapshot(String id, String realmId, String realmName, DirectorySourceEntity.Kind kind,
                             String name, Map<String, String> config, Map<String, String> secrets, String filter) {

    public boolean serveDisabled() {
        return serveDisabled(config);
    }

    /** Whether a source with this config serves disabled accounts (marked disabled) instead of leaving them out. */
    public static boolean serveDisabled(Map<String, String> config) {
        return "serve".equalsIgnoreCase(config.getOrDefault("disabledUsers", "exclude"));
    }
}
