package cloud.federation.realm.admin;

import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.PasswordHasher;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Admin users of the master realm, at Keycloak's {@code /admin/realms/master/users}. The attribute
 * {@value #MANAGED_REALM} limits a user to administering one realm; without it the user is an operator.
 */
@Path("/admin/realms/master/users")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    public static final String MANAGED_REALM = "federation.managedRealm";
    private static final String TYPE = "USER";

    @Inject
    AdminContext admin;
    @Inject
    PasswordHasher hasher;
    @Inject
    AuditLog audit;

    @GET
    @Transactional
    public List<UserRepresentation> list() {
        admin.requireOperator();
        return AdminUserEntity.<AdminUserEntity>listAll().stream().map(AdminUsersResource::toRepresentation).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(UserRepresentation rep, @Context UriInfo uri) {
        AdminPrincipal who = admin.requireOperator();
        if (rep == null) {
            throw ProblemException.badRequest("A JSON user representation is required");
        }
        String username = Validation.require("username", rep.getUsername());
        if (AdminUserEntity.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("User '" + username + "' already exists");
        }
        String password = rep.getCredentials() == null ? null : rep.getCredentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType()) && c.getValue() != null)
                .map(CredentialRepresentation::getValue).findFirst().orElse(null);
        requireStrongEnough("credentials", password);
        String managedRealm = managedRealm(rep.getAttributes());
        if (managedRealm != null && RealmEntity.findByName(managedRealm).isEmpty()) {
            throw ProblemException.badRequest("attributes." + MANAGED_REALM + ": realm '" + managedRealm + "' does not exist");
        }
        AdminUserEntity user = new AdminUserEntity();
        user.id = UUID.randomUUID().toString();
        user.username = username;
        user.passwordHash = hasher.hash(password);
        user.enabled = rep.isEnabled() == null || rep.isEnabled();
        user.managedRealm = managedRealm;
        user.createdAt = Instant.now();
        user.persist();
        audit.record(who, RealmEntity.MASTER, AuditLog.Operation.CREATE, TYPE, "users/" + user.id, toRepresentation(user));
        return Response.created(uri.getAbsolutePathBuilder().path(user.id).build()).build();
    }

    /**
     * Keycloak's {@code PUT /users/{id}/reset-password}: a new password. Operators set anyone's; every admin may set
     * their own. Console sessions signed in with the old password end with it.
     */
    @PUT
    @Path("{id}/reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response resetPassword(@PathParam("id") String id, CredentialRepresentation credential) {
        AdminPrincipal who = admin.principal();
        if (!who.isOperator() && !id.equals(who.userId())) {
            throw ProblemException.forbidden("Only operators may set another admin's password");
        }
        AdminUserEntity user = AdminUserEntity.<AdminUserEntity>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("User '" + id + "' does not exist"));
        if (credential == null || credential.getType() != null && !CredentialRepresentation.PASSWORD.equals(credential.getType())) {
            throw ProblemException.badRequest("A password credential {\"type\":\"password\",\"value\":\"…\"} is required");
        }
        requireStrongEnough("value", credential.getValue());
        user.passwordHash = hasher.hash(credential.getValue());
        audit.record(who, RealmEntity.MASTER, AuditLog.Operation.ACTION, TYPE, "users/" + id + "/reset-password", null);
        return Response.noContent().build();
    }

    private static void requireStrongEnough(String field, String password) {
        if (password == null || password.length() < 12) {
            throw ProblemException.badRequest(field + ": a password of at least 12 characters is required");
        }
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        AdminPrincipal who = admin.requireOperator();
        AdminUserEntity user = AdminUserEntity.<AdminUserEntity>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("User '" + id + "' does not exist"));
        if (user.id.equals(who.userId())) {
            throw ProblemException.badRequest("An admin cannot delete their own user");
        }
        user.delete();
        audit.record(who, RealmEntity.MASTER, AuditLog.Operation.DELETE, TYPE, "users/" + id, null);
        return Response.noContent().build();
    }

    private static String managedRealm(Map<String, List<String>> attributes) {
        if (attributes == null || attributes.get(MANAGED_REALM) == null || attributes.get(MANAGED_REALM).isEmpty()) {
            return null;
        }
        return attributes.get(MANAGED_REALM).get(0);
    }

    private static UserRepresentation toRepresentation(AdminUserEntity user) {
        UserRepresentation rep = new UserRepresentation();
        rep.setId(user.id);
        rep.setUsername(user.username);
        rep.setEnabled(user.enabled);
        rep.setCreatedTimestamp(user.createdAt.toEpochMilli());
        if (user.managedRealm != null) {
            rep.setAttributes(Map.of(MANAGED_REALM, List.of(user.managedRealm)));
        }
        return rep;
    }
}
