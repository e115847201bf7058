package cloud.federation.discovery;

import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.domain.DomainOwnership;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.RealmEntity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainRouterTest {

    static DomainEntity domain(String realmId, String name, boolean subdomains, boolean verified) {
        RealmEntity realm = new RealmEntity();
        realm.id = realmId;
        DomainEntity d = new DomainEntity();
        d.realm = realm;
        d.name = name;
        d.matchSubdomains = subdomains;
        d.verified = verified;
        return d;
    }

    static DomainRouter.Candidate idp(String alias, boolean enabled, int priority, String... domains) {
        return new DomainRouter.Candidate(alias, "oidc", alias, enabled, priority,
                java.util.Arrays.stream(domains).map(DomainName::new).toList());
    }

    @Test
    void lookupNamesWalkUpTheParents() {
        assertEquals(List.of("a.b.contoso.com", "b.contoso.com", "contoso.com"),
                DomainOwnership.lookupNames(DomainName.parse("a.b.contoso.com")));
    }

    @Test
    void exactDomainWinsAndSubdomainsOnlyWhenAllowed() {
        DomainEntity parent = domain("r1", "contoso.com", false, true);
        assertTrue(DomainOwnership.owner(List.of(parent), DomainName.parse("contoso.com")).isPresent());
        assertTrue(DomainOwnership.owner(List.of(parent), DomainName.parse("eu.contoso.com")).isEmpty());
        DomainEntity open = domain("r1", "contoso.com", true, true);
        assertEquals("contoso.com", DomainOwnership.owner(List.of(open), DomainName.parse("eu.contoso.com")).get().name);
        DomainEntity nearer = domain("r2", "eu.contoso.com", false, true);
        assertEquals("r2", DomainOwnership.owner(List.of(open, nearer), DomainName.parse("eu.contoso.com")).get().realm.id);
    }

    @Test
    void unverifiedDomainsNeverRoute() {
        assertTrue(DomainOwnership.owner(List.of(domain("r1", "contoso.com", true, false)),
                DomainName.parse("contoso.com")).isEmpty());
    }

    @Test
    void providersServingTheDomainByPriority() {
        DomainName contoso = DomainName.parse("contoso.com");
        List<DomainRouter.Candidate> providers = List.of(
                idp("okta", true, 2),
                idp("entra", true, 1, "contoso.com"),
                idp("fabrikam-only", true, 0, "fabrikam.com"),
                idp("disabled", false, 0));
        assertEquals(List.of("entra", "okta"),
                DomainRouter.providersFor(providers, contoso).stream().map(DomainRouter.Candidate::alias).toList());
    }
}
