package cloud.federation.realm.login;

import cloud.federation.realm.admin.RealmAccess;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.representations.idm.EventRepresentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keycloak's {@code GET /admin/realms/{realm}/events}: sign-on outcomes, newest first, filterable by type. */
@Path("/admin/realms/{realm}/events")
public class LoginEventsResource {

    @Inject
    RealmAccess access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<EventRepresentation> list(@PathParam("realm") String realmName, @QueryParam("type") List<String> types,
                                          @QueryParam("client") String client,
                                          @QueryParam("max") @DefaultValue("100") int max) {
        access.require(realmName);
        return new LoginEventQuery(types, client, null).find(realmName, 0, Math.min(Math.max(max, 1), 1000)).stream()
                .map(LoginEventsResource::toRepresentation).toList();
    }

    private static EventRepresentation toRepresentation(LoginEventEntity e) {
        EventRepresentation rep = new EventRepresentation();
        rep.setId(e.id);
        rep.setTime(e.time.toEpochMilli());
        rep.setType(e.type);
        rep.setRealmId(e.realmName);
        rep.setClientId(e.clientId);
        rep.setUserId(e.userId);
        rep.setIpAddress(e.address);
        rep.setError(e.reason);
        Map<String, String> details = new LinkedHashMap<>();
        if (e.idpAlias != null) {
            details.put("identity_provider", e.idpAlias);
        }
        if (e.emailDomain != null) {
            details.put("email_domain", e.emailDomain);
        }
        if (e.reference != null) {
            details.put("reference", e.reference);
        }
        rep.setDetails(details);
        return rep;
    }
}
