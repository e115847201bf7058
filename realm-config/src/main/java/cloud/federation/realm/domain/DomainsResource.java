package cloud.federation.realm.domain;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.RealmEntity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** {@code /admin/realms/{realm}/domains}: the login domains a realm owns. */
@Path("/admin/realms/{realm}/domains")
@Produces(MediaType.APPLICATION_JSON)
public class DomainsResource {

    private static final String TYPE = Domains.AUDIT_TYPE;

    @Inject
    RealmAccess access;
    @Inject
    Domains domains;
    @Inject
    AuditLog audit;

    @PathParam("realm")
    String realmName;

    @GET
    @Transactional
    public List<DomainRepresentation> list() {
        return DomainEntity.listByRealm(access.require(realmName)).stream().map(domains::toRepresentation).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response add(DomainRepresentation rep, @Context UriInfo uri) {
        RealmEntity realm = access.require(realmName);
        DomainEntity domain = domains.add(realm, rep, access.principal());
        DomainRepresentation created = domains.toRepresentation(domain);
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, TYPE, "domains/" + domain.name, created);
        return Response.created(uri.getAbsolutePathBuilder().path(domain.name).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Transactional
    public DomainRepresentation get(@PathParam("name") String name) {
        return domains.toRepresentation(require(name));
    }

    /** Checks the domain's TXT record now (see {@link Domains#verifyNow}). */
    @POST
    @Path("{name}/verify")
    public DomainRepresentation verify(@PathParam("name") String name) {
        return domains.verifyNow(realmName, () -> require(name), access.principal());
    }

    @DELETE
    @Path("{name}")
    @Transactional
    public Response delete(@PathParam("name") String name) {
        DomainEntity domain = require(name);
        domain.delete();
        audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, TYPE, "domains/" + domain.name, null);
        return Response.noContent().build();
    }

    private DomainEntity require(String name) {
        return domains.require(access.require(realmName), name);
    }
}
