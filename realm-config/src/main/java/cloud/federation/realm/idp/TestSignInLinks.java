package cloud.federation.realm.idp;

import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.login.TestSignInStarts;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import cloud.federation.realm.token.Issuers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/** Hands an admin a one-time link that starts a test sign-in at one of the realm's IdPs (API and console alike). */
@ApplicationScoped
public class TestSignInLinks {

    @Inject
    TestSignInStarts starts;
    @Inject
    AuditLog audit;
    @Inject
    Issuers issuers;

    public record StartLink(String url, long expiresIn) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StartLink create(RealmEntity realm, String alias, AdminPrincipal who, UriInfo uri) {
        IdentityProviderEntity idp = IdentityProviderEntity.findByAlias(realm, alias).filter(i -> i.enabled)
                .orElseThrow(() -> ProblemException.notFound("Identity provider '" + alias
                        + "' does not exist or is disabled"));
        TestSignInStarts.Issued issued = starts.issue(idp, who.username());
        String path = "identity-provider/instances/" + alias + "/test-sign-in";
        // The token never reaches the audit log: it is a credential for the next five minutes.
        audit.record(who, realm.name, AuditLog.Operation.ACTION, "IDENTITY_PROVIDER_TEST_SIGN_IN", path,
                Map.of("alias", alias, "expiresIn", issued.expiresInSeconds()));
        String url = issuers.issuer(uri, realm.name) + "/broker/" + idp.alias + "/test-sign-in?token=" + issued.token();
        return new StartLink(url, issued.expiresInSeconds());
    }
}
