package cloud.federation.sync.run;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.sync.source.SourceSchedule;
import cloud.federation.sync.store.SyncRunStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the runs whose schedule is due. Every node looks; the source's lease makes exactly one of them run it. A
 * run is due when none started within its interval, so a failing upstream is retried at the schedule's pace, not
 * at every tick.
 */
@ApplicationScoped
public class SyncScheduler {

    @Inject
    FederationConfig config;
    @Inject
    SyncWorkers workers;
    @Inject
    SyncRunStore runs;

    record Due(String sourceId) {
    }

    @Scheduled(every = "${federation.sync.scheduler-interval:10s}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.sync().schedulerEnabled()) {
            return;
        }
        Instant now = Instant.now();
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Instant> lastStart = runs.lastStarts();
            return DirectorySourceEntity.<DirectorySourceEntity>list("enabled", true).stream()
                    .filter(s -> interval(s).map(i -> !lastStart.getOrDefault(s.id, Instant.EPOCH).plus(i).isAfter(now))
                            .orElse(false))
                    .map(s -> new Due(s.id)).toList();
        });
        due.forEach(d -> workers.trigger(d.sourceId(), "schedule", false));
    }

    private Optional<Duration> interval(DirectorySourceEntity source) {
        Duration kindDefault = source.kind == DirectorySourceEntity.Kind.entra ? config.sync().entraSchedule()
                : config.sync().webexSchedule();
        try {
            return SourceSchedule.parse(source.schedule, kindDefault);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
