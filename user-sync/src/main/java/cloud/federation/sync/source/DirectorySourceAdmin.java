package cloud.federation.sync.source;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.api.DirectoryDelta;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.sync.engine.InclusionRule;
import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.run.SourceSnapshot;
import cloud.federation.sync.run.SyncWorkers;
import cloud.federation.sync.store.DirectoryStore;
import cloud.federation.sync.store.DirectoryVersions;
import cloud.federation.sync.store.SyncRun;
import cloud.federation.sync.store.SyncRunStore;
import cloud.federation.sync.store.SyncStateStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an admin does with a realm's directory sources, whichever way they come (the admin API or the console): the
 * realm check, the change, and its audit event. Callers only translate requests and answers.
 */
@ApplicationScoped
public class DirectorySourceAdmin {

    public static final String AUDIT_TYPE = "DIRECTORY_SOURCE";

    @Inject
    RealmAccess access;
    @Inject
    DirectorySources sources;
    @Inject
    SyncRunStore runs;
    @Inject
    SyncStateStore state;
    @Inject
    SyncWorkers workers;
    @Inject
    AuditLog audit;
    @Inject
    DirectoryVersions versions;
    @Inject
    DirectoryStore store;

    /** How many of a source's stored users a filter would serve, out of all it stores (served or not). */
    public record FilterPreview(int kept, int stored) {
    }

    @Transactional
    public List<DirectorySourceRepresentation> list(String realmName) {
        RealmEntity realm = access.require(realmName);
        return DirectorySourceEntity.<DirectorySourceEntity>list("realm = ?1 order by name", realm).stream()
                .map(sources::toRepresentation).toList();
    }

    @Transactional
    public DirectorySourceRepresentation create(String realmName, DirectorySourceRepresentation rep) {
        RealmEntity realm = access.require(realmName);
        DirectorySourceEntity source = sources.create(realm, rep, access.principal().isOperator());
        DirectorySourceRepresentation out = sources.toRepresentation(source);
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, AUDIT_TYPE, path(source.id), out);
        return out;
    }

    @Transactional
    public DirectorySourceRepresentation get(String realmName, String id) {
        return sources.toRepresentation(require(realmName, id));
    }

    /** Secret config values sent as the mask keep their stored value (see {@link DirectorySourceRepresentation}). */
    @Transactional
    public DirectorySourceRepresentation update(String realmName, String id, DirectorySourceRepresentation rep) {
        DirectorySourceEntity source = require(realmName, id);
        sources.update(source, rep, access.principal().isOperator());
        DirectorySourceRepresentation out = sources.toRepresentation(source);
        audit.record(access.principal(), realmName, AuditLog.Operation.UPDATE, AUDIT_TYPE, path(id), out);
        return out;
    }

    /** Enabling or disabling is an update of that one field, audited as such. */
    @Transactional
    public DirectorySourceRepresentation setEnabled(String realmName, String id, boolean enabled) {
        DirectorySourceRepresentation rep = get(realmName, id);
        rep.enabled = enabled;
        return update(realmName, id, rep);
    }

    @Transactional
    public void delete(String realmName, String id) {
        DirectorySourceEntity source = require(realmName, id);
        String realmId = source.realm.id;
        source.delete();
        // Its users and groups go with it (cascade); suites must stop seeing them.
        versions.bump(realmId, Instant.now(), DirectoryDelta.everything());
        audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, AUDIT_TYPE, path(id), null);
    }

    /**
     * Starts a run now ({@code full}: list everything, ignoring the delta link); answers the run's id. Refused for a
     * disabled source and while another run of it is in progress.
     */
    public String sync(String realmName, String id, boolean full) {
        String sourceId = QuarkusTransaction.requiringNew().call(() -> {
            DirectorySourceEntity source = require(realmName, id);
            if (!source.enabled) {
                throw ProblemException.conflict("Directory source '" + source.name + "' is disabled");
            }
            audit.record(access.principal(), realmName, AuditLog.Operation.ACTION, AUDIT_TYPE, path(id) + "/sync",
                    Map.of("full", full));
            return source.id;
        });
        return started(workers.trigger(sourceId, "admin", full));
    }

    @Transactional
    public List<SyncRun> runs(String realmName, String id, int max) {
        return runs.list(require(realmName, id).id, Math.max(1, Math.min(max, 500)));
    }

    @Transactional
    public SyncRun run(String realmName, String id, String runId) {
        return runs.get(require(realmName, id).id, runId).orElseThrow(() -> ProblemException.notFound("Sync run '"
                + runId + "' does not exist for this source"));
    }

    /**
     * Confirms a run the mass-deletion guard held: the removals it would make are approved, and a new run starts that
     * may apply up to that many; answers the new run's id. Only the source's latest run can be confirmed (an older
     * one no longer describes the directory).
     */
    public String confirm(String realmName, String id, String runId) {
        String sourceId = QuarkusTransaction.requiringNew().call(() -> {
            DirectorySourceEntity source = require(realmName, id);
            SyncRun held = runs.get(source.id, runId).orElseThrow(() -> ProblemException.notFound("Sync run '" + runId
                    + "' does not exist for this source"));
            if (held.status() != SyncRun.Status.HELD) {
                throw ProblemException.conflict("Sync run '" + runId + "' is " + held.status()
                        + "; only a run held by the mass-deletion guard can be confirmed");
            }
            if (!runs.list(source.id, 1).get(0).id().equals(runId)) {
                throw ProblemException.conflict("Sync run '" + runId + "' is not the latest run of this source; "
                        + "confirm the latest held run");
            }
            state.approveRemovals(source.id, held.removed());
            audit.record(access.principal(), realmName, AuditLog.Operation.ACTION, AUDIT_TYPE, path(id)
                    + "/sync-runs/" + runId + "/confirm", Map.of("approvedRemovals", held.removed()));
            return source.id;
        });
        return started(workers.trigger(sourceId, "confirmation", false));
    }

    /**
     * What {@code filter} would keep of the users the source stores now, judged by the same inclusion rule a run
     * applies (the filter plus the source's choice about disabled accounts). Nothing is saved.
     *
     * @throws cloud.federation.sync.filter.InvalidFilterException when the filter cannot be saved either
     */
    @Transactional
    public FilterPreview previewFilter(String realmName, String id, String filter) {
        DirectorySourceEntity source = require(realmName, id);
        InclusionRule rule = new InclusionRule(SourceFilter.parse(filter), SourceSnapshot.serveDisabled(source.config));
        int[] counts = {0, 0};
        store.view(source.id).forEach(row -> {
            counts[1]++;
            if (rule.serves(row.user())) {
                counts[0]++;
            }
        });
        return new FilterPreview(counts[0], counts[1]);
    }

    /** The source, if it belongs to the realm and the caller may administer that realm; 404 otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DirectorySourceEntity require(String realmName, String id) {
        RealmEntity realm = access.require(realmName);
        DirectorySourceEntity source = DirectorySourceEntity.findById(id);
        if (source == null || !source.realm.id.equals(realm.id)) {
            throw ProblemException.notFound("Directory source '" + id + "' does not exist in realm '" + realmName + "'");
        }
        return source;
    }

    private static String started(java.util.Optional<String> runId) {
        return runId.orElseThrow(() -> ProblemException.conflict(
                "A run of this directory source is in progress; try again when it has finished"));
    }

    private static String path(String id) {
        return "directory-sources/" + id;
    }
}
