package cloud.federation.realm.keys;

import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** Public signing keys of a realm (active and passive), as a JWK set. */
@Path("/realms/{realm}/protocol/openid-connect/certs")
public class JwksResource {

    @Inject
    RealmKeys keys;

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    public Response certs(@PathParam("realm") String realmName) {
        RealmEntity realm = RealmEntity.findByName(realmName)
                .filter(r -> r.enabled)
                .orElseThrow(() -> ProblemException.notFound("Realm '" + realmName + "' does not exist"));
        return Response.ok(keys.publicKeys(realm).toString(true))
                .type("application/json")
                .header("Cache-Control", "max-age=60")
                .build();
    }
}
