package cloud.federation.sync.run;

import cloud.federation.sync.store.SyncRun;
import cloud.federation.sync.store.SyncRunStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Directory sync for Prometheus: runs by outcome, and per source the users its last commit served and how long ago
 * that was. The gauges come from the database, not from this node's memory, because any node may have run the
 * source and a restarted node must still know when the last success was. They are re-read after each run here and
 * at the scheduler's pace (one row per source); the age itself is computed when scraped. Tags are the realm's and
 * the source's names, which admins choose.
 */
@ApplicationScoped
public class SyncMeters {

    private static final Logger LOG = Logger.getLogger(SyncMeters.class);

    @Inject
    MeterRegistry registry;
    @Inject
    SyncRunStore runs;

    private MultiGauge served;
    private MultiGauge lastSuccessAge;
    /** By source id; replaced as a whole on each refresh, read by the gauges when scraped. */
    private volatile Map<String, Committed> committed = Map.of();
    private volatile boolean failing;

    private record Committed(SyncRunStore.LastCommit commit, Integer served) {
        Tags tags() {
            return Tags.of("realm", commit.realmName(), "source", commit.sourceName());
        }
    }

    @PostConstruct
    void register() {
        served = MultiGauge.builder("federation.sync.users.served")
                .description("Users a directory source served after its last committed run").register(registry);
        lastSuccessAge = MultiGauge.builder("federation.sync.last.success.age").baseUnit("seconds")
                .description("Time since a directory source's last successful run committed").register(registry);
    }

    /** A run ended here (abandoned runs are counted by {@link #abandoned}). */
    void ran(SourceSnapshot source, SyncRun.Status status) {
        run(source.realmName(), source.name(), status, 1);
        refreshQuietly();
    }

    /** Runs of a stopped node, found when the source's lease was free again. */
    void abandoned(String realmName, String sourceName, int count) {
        run(realmName, sourceName, SyncRun.Status.ABANDONED, count);
    }

    private void run(String realmName, String sourceName, SyncRun.Status status, int count) {
        Counter.builder("federation.sync.runs").description("Directory sync runs by outcome")
                .tag("realm", realmName).tag("source", sourceName).tag("outcome", status.name().toLowerCase(Locale.ROOT))
                .register(registry).increment(count);
    }

    void start(@Observes StartupEvent event) {
        refreshQuietly();
    }

    @Scheduled(every = "${federation.sync.scheduler-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshQuietly() {
        try {
            refresh();
            failing = false;
        } catch (RuntimeException e) {
            // Gauges keep their last values and the next refresh tries again; a database that stays down is
            // reported once, not at every tick.
            if (!failing) {
                LOG.warnf("Refreshing the directory sync gauges failed: %s", e.getMessage());
            }
            failing = true;
        }
    }

    /**
     * Re-reads every source's last commit. The served count is looked up only for commits not seen before, so a
     * steady state costs one small query.
     */
    synchronized void refresh() {
        Map<String, Committed> known = committed;
        Map<String, Committed> next = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Committed> out = new HashMap<>();
            for (SyncRunStore.LastCommit commit : runs.lastCommits()) {
                Committed before = known.get(commit.sourceId());
                Integer count = before != null && before.commit().at().equals(commit.at()) ? before.served()
                        : runs.servedByCommit(commit.sourceId(), commit.at()).orElse(null);
                out.put(commit.sourceId(), new Committed(commit, count));
            }
            return out;
        });
        committed = Map.copyOf(next);
        // Rows read the current map by source id, so a known row is kept as registered (no gap in the series) and
        // rows of sources deleted or renamed since drop out.
        List<Committed> rows = List.copyOf(next.values());
        served.register(rows.stream().filter(c -> c.served() != null)
                .map(c -> MultiGauge.Row.of(c.tags(), c.commit().sourceId(), this::servedBy)).toList());
        lastSuccessAge.register(rows.stream()
                .map(c -> MultiGauge.Row.of(c.tags(), c.commit().sourceId(), this::secondsSinceCommit)).toList());
    }

    private double servedBy(String sourceId) {
        Committed c = committed.get(sourceId);
        return c == null || c.served() == null ? Double.NaN : c.served();
    }

    private double secondsSinceCommit(String sourceId) {
        Committed c = committed.get(sourceId);
        return c == null ? Double.NaN : Duration.between(c.commit().at(), Instant.now()).toMillis() / 1000.0;
    }
}
