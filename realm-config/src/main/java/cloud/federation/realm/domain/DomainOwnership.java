package cloud.federation.realm.domain;

import cloud.federation.realm.model.DomainEntity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which registered domain owns a login or email domain: an exact entry, else the nearest parent that allows
 * subdomains. Unverified domains own nothing: an unproven claim must not capture anyone's logins.
 */
public final class DomainOwnership {

    private DomainOwnership() {
    }

    /** The domain and each parent ({@code a.b.example.com → b.example.com → example.com}). */
    public static List<String> lookupNames(DomainName domain) {
        List<String> names = new ArrayList<>();
        String value = domain.value();
        while (value.contains(".")) {
            names.add(value);
            value = value.substring(value.indexOf('.') + 1);
        }
        return names;
    }

    public static Optional<DomainEntity> owner(List<DomainEntity> registered, DomainName domain) {
        return registered.stream()
                .filter(d -> d.verified)
                .filter(d -> new DomainName(d.name).covers(domain, d.matchSubdomains))
                .max(Comparator.comparingInt(d -> d.name.length()));
    }

    /** Looks the owner up in the database. */
    public static Optional<DomainEntity> find(DomainName domain) {
        return owner(DomainEntity.list("name in ?1", lookupNames(domain)), domain);
    }
}
