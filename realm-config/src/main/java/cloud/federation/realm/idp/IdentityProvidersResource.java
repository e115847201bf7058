package cloud.federation.realm.idp;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.IdpMapperEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Keycloak's {@code /admin/realms/{realm}/identity-provider} resource. */
@Path("/admin/realms/{realm}/identity-provider")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityProvidersResource {

    private static final String TYPE = IdentityProviders.AUDIT_TYPE;
    private static final String MAPPER_TYPE = "IDENTITY_PROVIDER_MAPPER";

    @Inject
    RealmAccess access;
    @Inject
    IdentityProviders providers;
    @Inject
    AuditLog audit;
    @Inject
    FederationConfig config;
    @Inject
    IdpConfigImport importer;

    @PathParam("realm")
    String realmName;

    @GET
    @Path("instances")
    @Transactional
    public List<IdentityProviderRepresentation> list() {
        RealmEntity realm = access.require(realmName);
        return IdentityProviderEntity.listByRealm(realm).stream().map(providers::toRepresentation).toList();
    }

    @POST
    @Path("instances")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(IdentityProviderRepresentation rep, @Context UriInfo uri) {
        RealmEntity realm = access.require(realmName);
        requireBody(rep);
        ServerFetchedEndpoints.check(rep.getConfig(), access.principal());
        IdentityProviderEntity idp = providers.create(realm, rep);
        String path = "identity-provider/instances/" + idp.alias;
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, TYPE, path, rep);
        return Response.created(uri.getAbsolutePathBuilder().path(idp.alias).build()).build();
    }

    @GET
    @Path("instances/{alias}")
    @Transactional
    public IdentityProviderRepresentation get(@PathParam("alias") String alias) {
        return providers.toRepresentation(providers.require(access.require(realmName), alias));
    }

    @PUT
    @Path("instances/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response update(@PathParam("alias") String alias, IdentityProviderRepresentation rep) {
        RealmEntity realm = access.require(realmName);
        requireBody(rep);
        ServerFetchedEndpoints.check(rep.getConfig(), access.principal());
        providers.update(providers.require(realm, alias), rep);
        audit.record(access.principal(), realm.name, AuditLog.Operation.UPDATE, TYPE,
                "identity-provider/instances/" + alias, rep);
        return Response.noContent().build();
    }

    @DELETE
    @Path("instances/{alias}")
    @Transactional
    public Response delete(@PathParam("alias") String alias) {
        RealmEntity realm = access.require(realmName);
        providers.delete(providers.require(realm, alias));
        audit.record(access.principal(), realm.name, AuditLog.Operation.DELETE, TYPE,
                "identity-provider/instances/" + alias, null);
        return Response.noContent().build();
    }

    @GET
    @Path("instances/{alias}/mappers")
    @Transactional
    public List<IdentityProviderMapperRepresentation> mappers(@PathParam("alias") String alias) {
        IdentityProviderEntity idp = providers.require(access.require(realmName), alias);
        return providers.mappers(idp).stream().map(IdentityProviderRepresentations::toRepresentation).toList();
    }

    @POST
    @Path("instances/{alias}/mappers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response addMapper(@PathParam("alias") String alias, IdentityProviderMapperRepresentation rep,
                              @Context UriInfo uri) {
        RealmEntity realm = access.require(realmName);
        requireBody(rep);
        IdpMapperEntity mapper = providers.addMapper(providers.require(realm, alias), rep);
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, MAPPER_TYPE,
                "identity-provider/instances/" + alias + "/mappers/" + mapper.id, rep);
        return Response.created(uri.getAbsolutePathBuilder().path(mapper.id).build()).build();
    }

    @GET
    @Path("instances/{alias}/mappers/{id}")
    @Transactional
    public IdentityProviderMapperRepresentation mapper(@PathParam("alias") String alias, @PathParam("id") String id) {
        return IdentityProviderRepresentations.toRepresentation(requireMapper(alias, id));
    }

    @DELETE
    @Path("instances/{alias}/mappers/{id}")
    @Transactional
    public Response deleteMapper(@PathParam("alias") String alias, @PathParam("id") String id) {
        IdpMapperEntity mapper = requireMapper(alias, id);
        mapper.delete();
        audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, MAPPER_TYPE,
                "identity-provider/instances/" + alias + "/mappers/" + id, null);
        return Response.noContent().build();
    }

    /** Keycloak's JSON form: {@code {"providerId": "saml"|"oidc", "fromUrl": "…"}}. */
    @POST
    @Path("import-config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> importFromUrl(Map<String, Object> body) {
        access.require(realmName);
        if (body == null) {
            throw ProblemException.badRequest("Body required: {\"providerId\": \"saml\"|\"oidc\", \"fromUrl\": \"…\"}");
        }
        Object fromUrl = body.get("fromUrl");
        return importer.fromUrl(String.valueOf(body.getOrDefault("providerId", "")),
                fromUrl == null ? null : String.valueOf(fromUrl), access.principal());
    }

    /** Keycloak's multipart form: {@code providerId} and the metadata {@code file}. */
    @POST
    @Path("import-config")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, String> importFromFile(@RestForm("providerId") String providerId, @RestForm("file") FileUpload file) {
        access.require(realmName);
        if (file == null) {
            throw ProblemException.badRequest("file: is required");
        }
        try {
            if (Files.size(file.uploadedFile()) > config.importer().maxDocumentBytes()) {
                throw ProblemException.badRequest("file: larger than " + config.importer().maxDocumentBytes() + " bytes");
            }
            return importer.fromDocument(providerId, Files.readAllBytes(file.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IdpMapperEntity requireMapper(String alias, String id) {
        IdentityProviderEntity idp = providers.require(access.require(realmName), alias);
        return IdpMapperEntity.<IdpMapperEntity>find("identityProvider = ?1 and id = ?2", idp, id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Mapper '" + id + "' does not exist on '" + alias + "'"));
    }

    private static void requireBody(Object rep) {
        if (rep == null) {
            throw ProblemException.badRequest("A JSON representation is required");
        }
    }
}
