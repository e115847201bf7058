package cloud.federation.discovery;

import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.domain.DomainOwnership;
import cloud.federation.realm.idp.IdentityProviderRepresentations;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Feeds {@link DomainRouter} from the database. */
@ApplicationScoped
public class RealmRouting {

    public record Route(DomainEntity domain, List<IdentityProviderEntity> providers) {
    }

    /** The registered domain (of any realm) that owns a login's domain. */
    public Optional<DomainEntity> owningDomain(DomainName login) {
        return DomainOwnership.find(login);
    }

    /** Within one realm: the domain owning the login, with the enabled providers serving it. */
    public Optional<Route> route(RealmEntity realm, DomainName login) {
        return owningDomain(login).filter(d -> d.realm.id.equals(realm.id))
                .map(domain -> new Route(domain, providersFor(realm, domain)));
    }

    public List<IdentityProviderEntity> providersFor(RealmEntity realm, DomainEntity domain) {
        List<IdentityProviderEntity> all = IdentityProviderEntity.listByRealm(realm);
        List<String> chosen = DomainRouter.providersFor(all.stream().map(RealmRouting::candidate).toList(),
                new DomainName(domain.name)).stream().map(DomainRouter.Candidate::alias).toList();
        return chosen.stream().map(alias -> all.stream().filter(i -> i.alias.equals(alias)).findFirst().orElseThrow())
                .toList();
    }

    private static DomainRouter.Candidate candidate(IdentityProviderEntity idp) {
        String listed = idp.config.get(IdentityProviderRepresentations.DOMAINS_KEY);
        List<DomainName> domains = listed == null || listed.isBlank() ? List.of()
                : Arrays.stream(listed.split("##")).filter(s -> !s.isBlank()).map(DomainName::new).toList();
        return new DomainRouter.Candidate(idp.alias, idp.providerId, idp.displayName, idp.enabled, idp.priority, domains);
    }
}
