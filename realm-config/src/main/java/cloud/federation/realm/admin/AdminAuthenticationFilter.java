package cloud.federation.realm.admin;

import cloud.federation.realm.token.ClientAddress;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemResponses;
import cloud.federation.realm.token.AdminPrincipal;
import cloud.federation.realm.token.AdminTokens;
import cloud.federation.realm.token.Issuers;
import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/** Every {@code /admin/realms…} call needs a valid master-realm access token of an enabled admin user. */
public class AdminAuthenticationFilter {

    @Inject
    AdminTokens tokens;
    @Inject
    Issuers issuers;
    @Inject
    AdminContext context;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/admin/realms")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(ProblemResponses.of(401, "Unauthorized", "Bearer token required"));
        }
        String token = header.substring(7).trim();
        String issuer = issuers.issuer(request.getUriInfo(), AdminTokens.MASTER);
        return QuarkusTransaction.requiringNew().call(() -> {
            RealmEntity master = RealmEntity.findByName(AdminTokens.MASTER).orElseThrow();
            JWTClaimsSet claims;
            try {
                claims = tokens.verifyAccess(master, token, issuer);
            } catch (AdminTokens.InvalidTokenException e) {
                return Optional.of(ProblemResponses.of(401, "Unauthorized", "Invalid or expired token"));
            }
            AdminUserEntity user = AdminUserEntity.findById(claims.getSubject());
            if (user == null || !user.enabled) {
                return Optional.of(ProblemResponses.of(401, "Unauthorized", "Token of an inactive user"));
            }
            String address = ClientAddress.of(http);
            context.set(new AdminPrincipal(user.id, user.username, user.managedRealm, address));
            return Optional.<Response>empty();
        });
    }
}
