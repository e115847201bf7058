package cloud.federation.sync.run;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.api.DirectoryDelta;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.sync.engine.ChangeSet;
import cloud.federation.sync.engine.DirectoryConnector;
import cloud.federation.sync.engine.InclusionRule;
import cloud.federation.sync.engine.MassDeletionGuard;
import cloud.federation.sync.engine.RunProgress;
import cloud.federation.sync.engine.SyncCursor;
import cloud.federation.sync.engine.SyncPlan;
import cloud.federation.sync.engine.SyncPlanner;
import cloud.federation.sync.engine.UpstreamException;
import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.source.DirectorySources;
import cloud.federation.sync.store.DirectoryStore;
import cloud.federation.sync.store.DirectoryVersions;
import cloud.federation.sync.store.GroupStore;
import cloud.federation.sync.store.SyncRun;
import cloud.federation.sync.store.SyncRunStore;
import cloud.federation.sync.store.SyncState;
import cloud.federation.sync.store.SyncStateStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one sync of one source: take the source's lease, read the upstream to the end, plan, and commit data, cursor
 * and run record in one transaction. Any failure before that commit leaves the stored copy and the cursor as they
 * were; the run is recorded as failed.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    @Inject
    FederationConfig config;
    @Inject
    DirectorySources sources;
    @Inject
    SyncStateStore state;
    @Inject
    SyncRunStore runs;
    @Inject
    DirectoryStore store;
    @Inject
    GroupStore groups;
    @Inject
    DirectoryVersions versions;
    @Inject
    Connectors connectors;
    @Inject
    NodeIdentity node;
    @Inject
    SyncMeters meters;

    /** A run that holds its source's lease and is about to read the upstream. */
    public record Started(String runId, SourceSnapshot source, SyncState state) {
    }

    /**
     * Takes the lease and records the run; empty if another run of this source holds the lease (on any node).
     */
    public Optional<Started> begin(String sourceId, String trigger, boolean full) {
        String runId = UUID.randomUUID().toString();
        int[] abandoned = {0};
        Optional<Started> started = QuarkusTransaction.requiringNew().call(() -> {
            DirectorySourceEntity source = DirectorySourceEntity.findById(sourceId);
            if (source == null) {
                return Optional.<Started>empty();
            }
            Instant now = Instant.now();
            if (!state.tryLease(sourceId, node.id(), now, config.sync().lease())) {
                return Optional.<Started>empty();
            }
            abandoned[0] = runs.abandonStale(sourceId, runId, now);
            if (abandoned[0] > 0) {
                LOG.warnf("Directory source %s (realm %s): %d run(s) of a stopped node marked abandoned", source.name,
                        source.realm.name, abandoned[0]);
            }
            runs.start(runId, sourceId, source.realm.id, trigger, node.id(), now);
            if (full) {
                state.requestFullSync(sourceId);
            }
            SourceSnapshot snapshot = new SourceSnapshot(source.id, source.realm.id, source.realm.name, source.kind,
                    source.name, java.util.Map.copyOf(source.config), sources.secrets(source), source.filter);
            return Optional.of(new Started(runId, snapshot, state.get(sourceId)));
        });
        // Counted once committed: a rolled-back begin abandoned nothing.
        started.filter(s -> abandoned[0] > 0)
                .ifPresent(s -> meters.abandoned(s.source().realmName(), s.source().name(), abandoned[0]));
        return started;
    }

    /** Reads, plans and commits; records the outcome. Never throws. */
    public SyncRun.Status execute(Started run) {
        SourceSnapshot source = run.source();
        long[] lastRenewal = {System.nanoTime()};
        RunProgress progress = () -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new UpstreamException("run cancelled");
            }
            if (System.nanoTime() - lastRenewal[0] > config.sync().lease().toNanos() / 4) {
                boolean held = QuarkusTransaction.requiringNew().call(() ->
                        state.renew(source.id(), node.id(), Instant.now(), config.sync().lease()));
                if (!held) {
                    throw new UpstreamException("the run's lease expired and was taken over");
                }
                lastRenewal[0] = System.nanoTime();
            }
        };
        long started = System.nanoTime();
        try {
            DirectoryConnector connector = connectors.create(source);
            ChangeSet changes = new ChangeSet();
            SyncCursor from = run.state().forceFull() ? SyncCursor.START : run.state().cursor();
            SyncCursor next = connector.fetch(from, changes, progress);
            Committed outcome = QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).call(() ->
                    commit(run, changes, next));
            LOG.infof("Directory source %s (realm %s): %s %s run: %d upstream objects, +%d ~%d -%d, %d served, %d ms",
                    source.name(), source.realmName(), outcome.status, changes.fullUsers() ? "full" : "delta",
                    changes.upstreamObjects(), outcome.plan.added(), outcome.plan.updated(), outcome.plan.removed(),
                    outcome.plan.servedAfter(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            meters.ran(source, outcome.status);
            return outcome.status;
        } catch (UpstreamException | RuntimeException e) {
            String reason = e instanceof UpstreamException ? e.getMessage() : describe(e);
            LOG.warnf("Directory source %s (realm %s): run failed, nothing written: %s", source.name(),
                    source.realmName(), reason);
            QuarkusTransaction.requiringNew().run(() -> {
                runs.finish(run.runId(), SyncRun.Status.FAILED, null, null, null, null, null, null, reason, Instant.now());
                state.release(source.id(), node.id());
            });
            meters.ran(source, SyncRun.Status.FAILED);
            return SyncRun.Status.FAILED;
        }
    }

    private record Committed(SyncRun.Status status, SyncPlan plan, long version) {
    }

    private Committed commit(Started run, ChangeSet changes, SyncCursor next) {
        SourceSnapshot source = run.source();
        Instant now = Instant.now();
        SyncState current = state.get(source.id());
        InclusionRule rule = new InclusionRule(SourceFilter.parse(source.filter()), source.serveDisabled());
        boolean ruleChanged = current.appliedRule() != null && !rule.fingerprint().equals(current.appliedRule());
        SyncPlan plan = new SyncPlanner(rule, ruleChanged).plan(changes, store.view(source.id()));
        String mode = changes.fullUsers() ? "full" : "delta";
        MassDeletionGuard guard = new MassDeletionGuard(config.sync().massDeletionShare(), config.sync().massDeletionMinimum());
        if (guard.holds(plan, current.approvedRemovals())) {
            runs.finish(run.runId(), SyncRun.Status.HELD, mode, changes.upstreamObjects(), plan.added(), plan.updated(),
                    plan.removed(), plan.servedBefore(), "would remove " + plan.removed() + " of " + plan.servedBefore()
                            + " served users; confirm the run to apply it", now);
            state.release(source.id(), node.id());
            return new Committed(SyncRun.Status.HELD, plan, 0);
        }
        store.apply(source.id(), source.realmId(), plan, now);
        boolean groupsChanged = groups.apply(source.id(), source.realmId(), changes, now);
        state.committed(source.id(), next, rule.fingerprint(), now);
        long version = plan.changesServedData() || groupsChanged
                ? versions.bump(source.realmId(), now, DirectoryDelta.source(source.id(), plan.touchedIds(), groupsChanged))
                : 0;
        runs.finish(run.runId(), SyncRun.Status.SUCCEEDED, mode, changes.upstreamObjects(), plan.added(), plan.updated(),
                plan.removed(), plan.servedAfter(), null, now);
        state.release(source.id(), node.id());
        return new Committed(SyncRun.Status.SUCCEEDED, plan, version);
    }

    private int timeoutSeconds() {
        return (int) Math.max(300, config.sync().lease().toSeconds());
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
