package cloud.federation.realm.idp;

import cloud.federation.realm.admin.RealmAccess;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /admin/realms/{realm}/identity-provider/instances/{alias}/test-sign-in}: a one-time link that runs a
 * real login through this identity provider and shows its checks and claims instead of signing anyone in.
 */
@Path("/admin/realms/{realm}/identity-provider/instances/{alias}/test-sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class TestSignInResource {

    @Inject
    RealmAccess access;
    @Inject
    TestSignInLinks links;

    @PathParam("realm")
    String realmName;
    @PathParam("alias")
    String alias;
    @Context
    UriInfo uri;

    @POST
    @Transactional
    public TestSignInLinks.StartLink create() {
        return links.create(access.require(realmName), alias, access.principal(), uri);
    }
}
