package cloud.federation.sync.run;

import cloud.federation.realm.api.DirectoryChanged;
import cloud.federation.sync.store.DirectoryVersions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this node's observers about syncs committed on other nodes: polls the per-realm version counters (one tiny
 * query) and fires {@link DirectoryChanged} for each realm whose counter moved.
 */
@ApplicationScoped
public class DirectoryChangeFeed {

    @Inject
    DirectoryVersions versions;
    @Inject
    Event<DirectoryChanged> changed;

    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private volatile boolean primed;

    /** Commits on this node (sync runs, suite credentials) already told local observers; don't tell them twice. */
    void committedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) DirectoryChanged event) {
        known.merge(event.realmId(), event.version(), Math::max);
    }

    @Scheduled(every = "${federation.sync.change-poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        Map<String, Long> now = versions.current();
        boolean fire = primed;
        now.forEach((realm, version) -> {
            Long before = known.put(realm, version);
            if (fire && (before == null || version > before)) {
                changed.fire(new DirectoryChanged(realm, version));
            } else if (before != null && before > version) {
                known.put(realm, before);
            }
        });
        primed = true;
    }

    /** The last version this node knows of, for observers that want to check before serving. */
    public long version(String realmId) {
        return known.getOrDefault(realmId, 0L);
    }
}
