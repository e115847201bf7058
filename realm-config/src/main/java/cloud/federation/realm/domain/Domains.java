package cloud.federation.realm.domain;

import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.RandomSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Login domains: each belongs to exactly one realm. */
@ApplicationScoped
public class Domains {

    public static final String TXT_PREFIX = "federation-verification=";

    /**
     * Adds a domain. Only operators may mark it verified directly; a realm admin's domain waits for DNS verification.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEntity add(RealmEntity realm, DomainRepresentation rep, boolean callerIsOperator) {
        if (rep == null) {
            throw ProblemException.badRequest("A JSON body {\"name\": \"example.com\"} is required");
        }
        DomainName name;
        try {
            name = DomainName.parse(rep.name());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("name: " + e.getMessage());
        }
        DomainEntity existing = DomainEntity.findByName(name.value()).orElse(null);
        if (existing != null) {
            throw ProblemException.conflict(existing.realm.id.equals(realm.id)
                    ? "Domain '" + name + "' is already registered in this realm"
                    : "Domain '" + name + "' belongs to another realm");
        }
        if (Boolean.TRUE.equals(rep.verified()) && !callerIsOperator) {
            throw ProblemException.forbidden("verified: only operators may add a domain as verified; "
                    + "publish the DNS TXT record instead");
        }
        DomainEntity domain = new DomainEntity();
        domain.id = UUID.randomUUID().toString();
        domain.realm = realm;
        domain.name = name.value();
        domain.matchSubdomains = Boolean.TRUE.equals(rep.matchSubdomains());
        domain.verified = Boolean.TRUE.equals(rep.verified());
        domain.verificationToken = domain.verified ? null : RandomSecrets.urlSafe(24);
        domain.createdAt = Instant.now();
        domain.persist();
        return domain;
    }

    public static DomainRepresentation toRepresentation(DomainEntity domain) {
        return new DomainRepresentation(domain.name, domain.matchSubdomains, domain.verified,
                domain.verified ? null : TXT_PREFIX + domain.verificationToken);
    }
}
