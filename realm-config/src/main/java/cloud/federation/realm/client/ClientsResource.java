package cloud.federation.realm.client;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
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
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;

import java.util.List;
import java.util.Map;

/** Keycloak's {@code /admin/realms/{realm}/clients} resource for registered suites. */
@Path("/admin/realms/{realm}/clients")
@Produces(MediaType.APPLICATION_JSON)
public class ClientsResource {

    @Inject
    RealmAccess access;
    @Inject
    Clients clients;
    @Inject
    SuiteAdministration suites;
    @Inject
    AuditLog audit;

    @PathParam("realm")
    String realmName;

    @GET
    @Transactional
    public List<ClientRepresentation> list(@QueryParam("clientId") String clientId,
                                           @QueryParam("first") @DefaultValue("0") int first,
                                           @QueryParam("max") @DefaultValue("100") int max) {
        RealmEntity realm = access.require(realmName);
        return ClientEntity.listByRealm(realm).stream()
                .filter(c -> clientId == null || c.clientId.equals(clientId))
                .skip(Math.max(first, 0)).limit(Math.max(max, 0))
                .map(Clients::toRepresentation).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(ClientRepresentation rep, @Context UriInfo uri) {
        RealmEntity realm = access.require(realmName);
        if (rep == null) {
            throw ProblemException.badRequest("A JSON client representation is required");
        }
        ClientEntity client = suites.create(access.principal(), realm, rep);
        return Response.created(uri.getAbsolutePathBuilder().path(client.id).build()).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public ClientRepresentation get(@PathParam("id") String id) {
        return Clients.toRepresentation(require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response update(@PathParam("id") String id, ClientRepresentation rep) {
        ClientEntity client = require(id);
        if (rep == null) {
            throw ProblemException.badRequest("A JSON client representation is required");
        }
        suites.update(access.principal(), client, rep);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        suites.delete(access.principal(), require(id));
        return Response.noContent().build();
    }

    /** Secrets are stored hashed: this answers the credential type only, never a value. */
    @GET
    @Path("{id}/client-secret")
    @Transactional
    public CredentialRepresentation secret(@PathParam("id") String id) {
        ClientEntity client = require(id);
        if (client.publicClient) {
            throw ProblemException.badRequest("Client '" + client.clientId + "' is public and has no secret");
        }
        CredentialRepresentation rep = new CredentialRepresentation();
        rep.setType(CredentialRepresentation.SECRET);
        return rep;
    }

    /** Generates a new secret, answered once; the previous secret stops working at once. */
    @POST
    @Path("{id}/client-secret")
    @Transactional
    public CredentialRepresentation regenerateSecret(@PathParam("id") String id) {
        ClientEntity client = require(id);
        String secret = suites.regenerateSecret(access.principal(), client);
        CredentialRepresentation rep = new CredentialRepresentation();
        rep.setType(CredentialRepresentation.SECRET);
        rep.setValue(secret);
        return rep;
    }

    /** The suite's LDAP bind DN and a new LDAP password, answered once; calling again rotates it. */
    @POST
    @Path("{id}/ldap-credential")
    @Transactional
    public LdapCredential rotateLdapCredential(@PathParam("id") String id) {
        return suites.rotateLdapCredential(access.principal(), require(id));
    }

    /** The client certificate a suite binds with over SASL EXTERNAL instead of a password (pinned, no CA). */
    @PUT
    @Path("{id}/ldap-certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ClientCertificate putLdapCertificate(@PathParam("id") String id, Map<String, String> body) {
        ClientEntity client = require(id);
        ClientCertificate certificate = ClientCertificate.parse(body == null ? null : body.get("certificate"));
        clients.setLdapCertificate(client, certificate);
        audit.record(access.principal(), realmName, AuditLog.Operation.UPDATE, SuiteAdministration.AUDIT_TYPE,
                "clients/" + id + "/ldap-certificate", Map.of("sha256", certificate.sha256(), "subject", certificate.subject(),
                        "notAfter", certificate.notAfter().toString()));
        return certificate;
    }

    @GET
    @Path("{id}/ldap-certificate")
    @Transactional
    public ClientCertificate getLdapCertificate(@PathParam("id") String id) {
        ClientEntity client = require(id);
        if (client.ldapCertSha256 == null) {
            throw ProblemException.notFound("Client '" + client.clientId + "' has no LDAP client certificate");
        }
        return new ClientCertificate(client.ldapCertSha256, client.ldapCertSubject, client.ldapCertNotAfter);
    }

    @DELETE
    @Path("{id}/ldap-certificate")
    @Transactional
    public Response deleteLdapCertificate(@PathParam("id") String id) {
        clients.setLdapCertificate(require(id), null);
        audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, SuiteAdministration.AUDIT_TYPE,
                "clients/" + id + "/ldap-certificate", null);
        return Response.noContent().build();
    }

    private ClientEntity require(String id) {
        return suites.require(access.require(realmName), id);
    }
}
