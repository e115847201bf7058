package cloud.federation.sync.engine;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/** Read access to one source's stored copy, as the planner needs it (the store implements it over JDBC). */
public interface StoredDirectory {

    /** Hash and inclusion of every stored user (enough to diff a full listing without loading attributes). */
    Map<String, Summary> summaries();

    /** Hash and inclusion of the given users only (a delta touches few of many). */
    Map<String, Summary> summaries(Collection<String> ids);

    /** How many stored users the source serves now. */
    int servedCount();

    Map<String, StoredUser> load(Collection<String> ids);

    void forEach(Consumer<StoredUser> action);

    record Summary(String hash, boolean included) {
    }
}
