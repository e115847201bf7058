package cloud.federation.realm.realm;

import cloud.federation.realm.admin.AdminContext;
import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
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
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;

/** Keycloak's {@code /admin/realms} resource. */
@Path("/admin/realms")
@Produces(MediaType.APPLICATION_JSON)
public class RealmsResource {

    private static final String TYPE = "REALM";

    @Inject
    AdminContext admin;
    @Inject
    RealmAccess access;
    @Inject
    Realms realms;
    @Inject
    AuditLog audit;

    @GET
    @Transactional
    public List<RealmRepresentation> list() {
        AdminPrincipal who = admin.principal();
        return RealmEntity.<RealmEntity>listAll().stream()
                .filter(r -> who.mayAdminister(r.name))
                .sorted(java.util.Comparator.comparing(r -> r.name))
                .map(Realms::toRepresentation).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(RealmRepresentation rep, @Context UriInfo uri) {
        AdminPrincipal who = admin.requireOperator();
        RealmEntity realm = realms.create(rep);
        audit.record(who, realm.name, AuditLog.Operation.CREATE, TYPE, "", Realms.toRepresentation(realm));
        return Response.created(uri.getAbsolutePathBuilder().path(realm.name).build()).build();
    }

    @GET
    @Path("{realm}")
    @Transactional
    public RealmRepresentation get(@PathParam("realm") String name) {
        return Realms.toRepresentation(access.require(name));
    }

    @PUT
    @Path("{realm}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response update(@PathParam("realm") String name, RealmRepresentation rep) {
        RealmEntity realm = access.require(name);
        realms.update(realm, rep);
        audit.record(access.principal(), realm.name, AuditLog.Operation.UPDATE, TYPE, "", Realms.toRepresentation(realm));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{realm}")
    @Transactional
    public Response delete(@PathParam("realm") String name) {
        AdminPrincipal who = admin.requireOperator();
        RealmEntity realm = access.require(name);
        if (RealmEntity.isMaster(realm)) {
            throw ProblemException.badRequest("The master realm cannot be deleted");
        }
        // Children go by the schema's ON DELETE CASCADE, in the same transaction as the audit record.
        RealmEntity.delete("id", realm.id);
        audit.record(who, name, AuditLog.Operation.DELETE, TYPE, "", null);
        return Response.noContent().build();
    }

    @POST
    @Path("{realm}/partial-export")
    @Transactional
    public RealmRepresentation partialExport(@PathParam("realm") String name,
                                             @QueryParam("exportClients") @DefaultValue("false") boolean exportClients) {
        return realms.export(access.require(name), exportClients);
    }
}
