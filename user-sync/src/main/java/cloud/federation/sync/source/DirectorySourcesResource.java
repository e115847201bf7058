package cloud.federation.sync.source;

import cloud.federation.realm.problem.ProblemException;
import cloud.federation.sync.store.SyncRun;
import jakarta.inject.Inject;
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
 * trigger, run history, and the confirmation of runs the mass-deletion guard held. The operations themselves (and
 * their audit events) live in {@link DirectorySourceAdmin}, which the console calls too.
 */
@Path("/admin/realms/{realm}/directory-sources")
@Produces(MediaType.APPLICATION_JSON)
public class DirectorySourcesResource {

    @Inject
    DirectorySourceAdmin admin;

    @PathParam("realm")
    String realmName;

    @GET
    public List<DirectorySourceRepresentation> list() {
        return admin.list(realmName);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(DirectorySourceRepresentation rep, @Context UriInfo uri) {
        if (rep == null) {
            throw ProblemException.badRequest("body: a directory source representation is required");
        }
        DirectorySourceRepresentation out = admin.create(realmName, rep);
        return Response.created(uri.getAbsolutePathBuilder().path(out.id).build()).entity(out).build();
    }

    @GET
    @Path("{id}")
    public DirectorySourceRepresentation get(@PathParam("id") String id) {
        return admin.get(realmName, id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DirectorySourceRepresentation update(@PathParam("id") String id, DirectorySourceRepresentation rep) {
        if (rep == null) {
            throw ProblemException.badRequest("body: a directory source representation is required");
        }
        return admin.update(realmName, id, rep);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        admin.delete(realmName, id);
        return Response.noContent().build();
    }

    /** Starts a run now ({@code ?full=true}: list everything, ignoring the delta link); 202 with the run. */
    @POST
    @Path("{id}/sync")
    public Response sync(@PathParam("id") String id, @QueryParam("full") @DefaultValue("false") boolean full,
                         @Context UriInfo uri) {
        return started(id, admin.sync(realmName, id, full), uri);
    }

    @GET
    @Path("{id}/sync-runs")
    public List<SyncRun> runs(@PathParam("id") String id, @QueryParam("max") @DefaultValue("50") int max) {
        return admin.runs(realmName, id, max);
    }

    @GET
    @Path("{id}/sync-runs/{runId}")
    public SyncRun run(@PathParam("id") String id, @PathParam("runId") String runId) {
        return admin.run(realmName, id, runId);
    }

    /** Confirms the source's latest run, held by the mass-deletion guard; 202 with the run that applies it. */
    @POST
    @Path("{id}/sync-runs/{runId}/confirm")
    public Response confirm(@PathParam("id") String id, @PathParam("runId") String runId, @Context UriInfo uri) {
        return started(id, admin.confirm(realmName, id, runId), uri);
    }

    private Response started(String id, String runId, UriInfo uri) {
        SyncRun run = admin.run(realmName, id, runId);
        URI location = uri.getBaseUriBuilder().path("admin/realms").path(realmName).path("directory-sources")
                .path(id).path("sync-runs").path(runId).build();
        return Response.accepted(run).location(location).build();
    }
}
