package cloud.federation.server.console.session;

import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.RequestScoped;

/** The console session of the current request, set by {@link ConsoleSessionFilter}; what pages and forms use. */
@RequestScoped
public class Console {

    private AdminPrincipal admin;
    private String csrf;
    private String sessionHash;

    void set(AdminPrincipal admin, String csrf, String sessionHash) {
        this.admin = admin;
        this.csrf = csrf;
        this.sessionHash = sessionHash;
    }

    /** The stored id of this session (the hash of its cookie), for state bound to it. */
    String sessionHash() {
        return sessionHash;
    }

    public AdminPrincipal admin() {
        return admin;
    }

    /** The token every form of this session carries (hidden field {@code csrf}). */
    public String csrf() {
        return csrf;
    }

    /**
     * Refuses a form whose token is not this session's. Every state-changing console request calls this first: a
     * cross-site page can make the browser send the cookie, but cannot read the token it would have to send along.
     */
    public void checkCsrf(String submitted) {
        if (csrf == null || !ConsoleSessions.sameText(csrf, submitted)) {
            throw ProblemException.forbidden("The form's security token is missing or out of date; reload the page");
        }
    }
}
