package cloud.federation.sync.engine;

import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.user.DirectoryUser;

/**
 * Which stored users a source serves: its filter, and whether disabled accounts are left out (the default) or
 * served marked as disabled.
 */
public record InclusionRule(SourceFilter filter, boolean serveDisabled) {

    public boolean serves(DirectoryUser user) {
        return (serveDisabled || user.enabled()) && filter.matches(user);
    }

    /** Recorded with each commit; a different fingerprint at the next run re-evaluates every stored user. */
    public String fingerprint() {
        return (serveDisabled ? "serveDisabled;" : "excludeDisabled;") + filter.text().orElse("");
    }
}
