package cloud.federation.realm.admin;

import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Resolves the realm named in an admin path after checking the caller may administer it. */
@RequestScoped
public class RealmAccess {

    @Inject
    AdminContext admin;

    public RealmEntity require(String realmName) {
        admin.requireRealm(realmName);
        return RealmEntity.findByName(realmName)
                .orElseThrow(() -> ProblemException.notFound("Realm '" + realmName + "' does not exist"));
    }

    public AdminPrincipal principal() {
        return admin.principal();
    }
}
