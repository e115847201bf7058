package cloud.federation.discovery;

import cloud.federation.realm.domain.DomainName;

import java.util.Comparator;
import java.util.List;

/**
 * A realm's registered domain → the identity providers that serve it (which registered domain owns a login is
 * {@link cloud.federation.realm.domain.DomainOwnership}'s rule). Pure logic, tested without a server.
 */
public final class DomainRouter {

    /** An identity provider as routing sees it; an empty {@code domains} list means "all of the realm's domains". */
    public record Candidate(String alias, String providerId, String displayName, boolean enabled, int priority,
                            List<DomainName> domains) {
    }

    private DomainRouter() {
    }

    /** Enabled providers serving that registered domain, by priority then alias. */
    public static List<Candidate> providersFor(List<Candidate> providers, DomainName registeredDomain) {
        return providers.stream()
                .filter(Candidate::enabled)
                .filter(p -> p.domains().isEmpty() || p.domains().contains(registeredDomain))
                .sorted(Comparator.comparingInt(Candidate::priority).thenComparing(Candidate::alias))
                .toList();
    }
}
