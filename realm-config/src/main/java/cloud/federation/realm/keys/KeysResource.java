package cloud.federation.realm.keys;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.model.SigningKeyEntity;
import cloud.federation.realm.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.KeysMetadataRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/keys}: Keycloak's key metadata (GET), plus our rotation ({@code POST} with
 * {@code {"algorithm": "RS256"|"ES256"}}) and status changes ({@code PUT …/{kid}} with {@code {"status": …}}).
 */
@Path("/admin/realms/{realm}/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    private static final String TYPE = "REALM_KEY";

    @Inject
    RealmAccess access;
    @Inject
    RealmKeys keys;
    @Inject
    AuditLog audit;

    @PathParam("realm")
    String realmName;

    @GET
    @Transactional
    public KeysMetadataRepresentation list() {
        RealmEntity realm = access.require(realmName);
        KeysMetadataRepresentation rep = new KeysMetadataRepresentation();
        Map<String, String> active = new LinkedHashMap<>();
        List<KeysMetadataRepresentation.KeyMetadataRepresentation> out = new ArrayList<>();
        for (SigningKeyEntity key : SigningKeyEntity.listByRealm(realm)) {
            if (key.status == SigningKeyEntity.Status.ACTIVE) {
                active.putIfAbsent(key.algorithm, key.kid);
            }
            KeysMetadataRepresentation.KeyMetadataRepresentation meta = new KeysMetadataRepresentation.KeyMetadataRepresentation();
            meta.setKid(key.kid);
            meta.setAlgorithm(key.algorithm);
            meta.setType(key.algorithm.startsWith("ES") ? "EC" : "RSA");
            meta.setStatus(key.status.name());
            meta.setUse(org.keycloak.crypto.KeyUse.SIG);
            meta.setValidTo(null);
            meta.setProviderPriority(key.createdAt.toEpochMilli());
            out.add(meta);
        }
        rep.setActive(active);
        rep.setKeys(out);
        return rep;
    }

    public record RotateRequest(String algorithm) {
    }

    public record StatusChange(String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, String> rotate(RotateRequest request) {
        RealmEntity realm = access.require(realmName);
        String algorithm = request == null ? null : request.algorithm();
        if (!KeyMaterial.RS256.equals(algorithm) && !KeyMaterial.ES256.equals(algorithm)) {
            throw ProblemException.badRequest("algorithm: must be RS256 or ES256");
        }
        SigningKeyEntity key = keys.rotate(realm, algorithm);
        audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, TYPE, "keys/" + key.kid,
                Map.of("algorithm", algorithm, "kid", key.kid));
        return Map.of("kid", key.kid, "algorithm", algorithm, "status", key.status.name());
    }

    @PUT
    @Path("{kid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response changeStatus(@PathParam("kid") String kid, StatusChange change) {
        RealmEntity realm = access.require(realmName);
        SigningKeyEntity key = SigningKeyEntity.listByRealm(realm).stream().filter(k -> k.kid.equals(kid)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Key '" + kid + "' does not exist in realm '" + realmName + "'"));
        SigningKeyEntity.Status status;
        try {
            status = SigningKeyEntity.Status.valueOf(change == null || change.status() == null ? "" : change.status());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status: must be ACTIVE, PASSIVE or DISABLED");
        }
        if (status != SigningKeyEntity.Status.ACTIVE && key.status == SigningKeyEntity.Status.ACTIVE
                && SigningKeyEntity.listByRealm(realm).stream().noneMatch(k -> k != key && k.algorithm.equals(key.algorithm)
                && k.status == SigningKeyEntity.Status.ACTIVE)) {
            throw ProblemException.conflict("Key '" + kid + "' is the realm's only active " + key.algorithm
                    + " key; rotate first");
        }
        key.status = status;
        audit.record(access.principal(), realm.name, AuditLog.Operation.UPDATE, TYPE, "keys/" + kid, Map.of("status", status.name()));
        return Response.noContent().build();
    }
}
