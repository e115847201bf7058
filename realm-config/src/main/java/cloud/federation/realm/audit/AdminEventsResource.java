package cloud.federation.realm.audit;

import cloud.federation.realm.admin.AdminContext;
import cloud.federation.realm.model.AdminEventEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.AuthDetailsRepresentation;

import java.util.ArrayList;
import java.util.List;

/** {@code GET /admin/realms/{realm}/admin-events}, newest first, filterable like Keycloak's. */
@Path("/admin/realms/{realm}/admin-events")
public class AdminEventsResource {

    @Inject
    AdminContext admin;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AdminEventRepresentation> list(@PathParam("realm") String realm,
                                               @QueryParam("operationTypes") List<String> operationTypes,
                                               @QueryParam("resourceTypes") List<String> resourceTypes,
                                               @QueryParam("authUser") String authUser,
                                               @QueryParam("first") @DefaultValue("0") int first,
                                               @QueryParam("max") @DefaultValue("100") int max) {
        admin.requireRealm(realm);
        RealmEntity.findByName(realm).orElseThrow(() -> ProblemException.notFound("Realm '" + realm + "' does not exist"));
        if (first < 0 || max < 1 || max > 1000) {
            throw ProblemException.badRequest("first must be >= 0 and max between 1 and 1000");
        }
        List<AdminEventEntity> events = new AdminEventQuery(operationTypes, resourceTypes, authUser, null, null)
                .find(realm, first, max);
        List<AdminEventRepresentation> out = new ArrayList<>();
        for (AdminEventEntity e : events) {
            out.add(toRepresentation(e));
        }
        return out;
    }

    private static AdminEventRepresentation toRepresentation(AdminEventEntity e) {
        AdminEventRepresentation rep = new AdminEventRepresentation();
        rep.setId(e.id);
        rep.setTime(e.time.toEpochMilli());
        rep.setRealmId(e.realmName);
        AuthDetailsRepresentation auth = new AuthDetailsRepresentation();
        auth.setRealmId("master");
        auth.setClientId("admin-cli");
        auth.setUserId(e.actorId);
        auth.setIpAddress(e.actorAddress);
        rep.setAuthDetails(auth);
        rep.setOperationType(e.operationType);
        rep.setResourceType(e.resourceType);
        rep.setResourcePath(e.resourcePath);
        rep.setRepresentation(e.representation);
        return rep;
    }
}
