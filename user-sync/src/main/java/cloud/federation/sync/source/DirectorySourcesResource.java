package cloud.federation.sync.source;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.api.DirectoryDelta;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.sync.run.SyncWorkers;
import cloud.federation.sync.store.DirectoryVersions;
import cloud.federation.sync.store.SyncRun;
import cloud.federation.sync.store.SyncRunStore;
import cloud.federation.sync.store.SyncStateStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;

/**
 * {@code /admin/realms/{realm}/directory-sources}: the cloud directories a realm syncs users from, their manual
 * trigger, run history, and the confirmation of runs the mass-deletion guard held.
 */
@Path("/admin/realms/{realm}/directory-sources")
@Produces(MediaType.APPLICATION_JSON)
public class DirectorySourcesResource {

    private static final String TYPE = "DIRECTORY_SOURCE";

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

    @PathParam("realm")
    String realmName;

    @GET
    @Transactional
    public List<DirectorySourceRepresentation> list() {
        RealmEntity realm = access.require(realmName);
        return DirectorySourceEntity.<DirectorySourceEntity>list("realm = ?1 order by name", realm).stream()
                .map(sources::toRepresentation).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(DirectorySourceRepresentation rep, @Context UriInfo uri) {
        if (rep == null) {
            throw ProblemException.badRequest("body: a directory source representation is required");
        }
        RealmEntity realm = access.require(realmName);
        DirectorySourceEntity source = sources.create(realm, rep, access.principal().isOperator());
        DirectorySourceRepresentation out = sources.toRepresentation(source);
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, TYPE, "directory-sources/" + source.id, out);
        return Response.created(uri.getAbsolutePathBuilder().path(source.id).build()).entity(out).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public DirectorySourceRepresentation get(@PathParam("id") String id) {
        return sources.toRepresentation(require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public DirectorySourceRepresentation update(@PathParam("id") String id, DirectorySourceRepresentation rep) {
        if (rep == null) {
            throw ProblemException.badRequest("body: a directory source representation is required");
        }
        DirectorySourceEntity source = require(id);
        sources.update(source, rep, access.principal().isOperator());
        DirectorySourceRepresentation out = sources.toRepresentation(source);
        audit.record(access.principal(), realmName, AuditLog.Operation.UPDATE, TYPE, "directory-sources/" + id, out);
        return out;
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        DirectorySourceEntity source = require(id);
        String realmId = source.realm.id;
        source.delete();
        // Its users and groups go with it (cascade); suites must stop seeing them.
        versions.bump(realmId, java.time.Instant.now(), DirectoryDelta.everything());
        audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, TYPE, "directory-sources/" + id, null);
        return Response.noContent().build();
    }

    /** Starts a run now ({@code ?full=true}: list everything, ignoring the delta link); 202 with the run. */
    @POST
    @Path("{id}/sync")
    public Response sync(@PathParam("id") String id, @QueryParam("full") @DefaultValue("false") boolean full,
                         @Context UriInfo uri) {
        String sourceId = QuarkusTransaction.requiringNew().call(() -> {
            DirectorySourceEntity source = require(id);
            if (!source.enabled) {
                throw ProblemException.conflict("Directory source '" + source.name + "' is disabled");
            }
            audit.record(access.principal(), realmName, AuditLog.Operation.ACTION, TYPE, "directory-sources/" + id
                    + "/sync", java.util.Map.of("full", full));
            return source.id;
        });
        return started(sourceId, workers.trigger(sourceId, "admin", full), uri);
    }

    @GET
    @Path("{id}/sync-runs")
    @Transactional
    public List<SyncRun> runs(@PathParam("id") String id, @QueryParam("max") @DefaultValue("50") int max) {
        return runs.list(require(id).id, Math.max(1, Math.min(max, 500)));
    }

    @GET
    @Path("{id}/sync-runs/{runId}")
    @Transactional
    public SyncRun run(@PathParam("id") String id, @PathParam("runId") String runId) {
        return runs.get(require(id).id, runId).orElseThrow(() -> ProblemException.notFound("Sync run '" + runId
                + "' does not exist for this source"));
    }

    /**
     * Confirms a run the mass-deletion guard held: the removals it would make are approved, and a new run starts that
     * may apply up to that many. Only the source's latest run can be confirmed (an older one no longer describes the
     * directory).
     */
    @POST
    @Path("{id}/sync-runs/{runId}/confirm")
    public Response confirm(@PathParam("id") String id, @PathParam("runId") String runId, @Context UriInfo uri) {
        String sourceId = QuarkusTransaction.requiringNew().call(() -> {
            DirectorySourceEntity source = require(id);
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
            audit.record(access.principal(), realmName, AuditLog.Operation.ACTION, TYPE, "directory-sources/" + id
                    + "/sync-runs/" + runId + "/confirm", java.util.Map.of("approvedRemovals", held.removed()));
            return source.id;
        });
        return started(sourceId, workers.trigger(sourceId, "confirmation", false), uri);
    }

    private Response started(String sourceId, java.util.Optional<String> runId, UriInfo uri) {
        String started = runId.orElseThrow(() -> ProblemException.conflict(
                "A run of this directory source is in progress; try again when it has finished"));
        SyncRun run = QuarkusTransaction.requiringNew().call(() -> runs.get(sourceId, started).orElseThrow());
        URI location = uri.getBaseUriBuilder().path("admin/realms").path(realmName).path("directory-sources")
                .path(sourceId).path("sync-runs").path(started).build();
        return Response.accepted(run).location(location).build();
    }

    private DirectorySourceEntity require(String id) {
        RealmEntity realm = access.require(realmName);
        DirectorySourceEntity source = DirectorySourceEntity.findById(id);
        if (source == null || !source.realm.id.equals(realm.id)) {
            throw ProblemException.notFound("Directory source '" + id + "' does not exist in realm '" + realmName + "'");
        }
        return source;
    }
}
