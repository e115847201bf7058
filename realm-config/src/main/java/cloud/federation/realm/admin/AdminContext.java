package cloud.federation.realm.admin;

import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated admin of the current request, set by {@link AdminAuthenticationFilter}. */
@RequestScoped
public class AdminContext {

    private AdminPrincipal principal;

    /** Called by what authenticated the request: the bearer-token filter of the API, the console's session filter. */
    public void set(AdminPrincipal principal) {
        this.principal = principal;
    }

    public AdminPrincipal principal() {
        if (principal == null) {
            throw ProblemException.unauthorized("Bearer token required");
        }
        return principal;
    }

    /** Refuses unless the caller administers {@code realm}. */
    public AdminPrincipal requireRealm(String realm) {
        AdminPrincipal p = principal();
        if (!p.mayAdminister(realm)) {
            throw ProblemException.forbidden("Not an administrator of realm '" + realm + "'");
        }
        return p;
    }

    /** Refuses unless the caller is an operator (administers every realm). */
    public AdminPrincipal requireOperator() {
        AdminPrincipal p = principal();
        if (!p.isOperator()) {
            throw ProblemException.forbidden("Only operators (master realm administrators) may do this");
        }
        return p;
    }
}
