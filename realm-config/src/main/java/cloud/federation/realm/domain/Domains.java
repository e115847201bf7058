package cloud.federation.realm.domain;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Login domains: each belongs to exactly one realm. */
@ApplicationScoped
public class Domains {

    public static final String AUDIT_TYPE = "DOMAIN";
    /** The actor of changes nobody asked for in this request (claim expiry, scheduled verification). */
    static final AdminPrincipal SYSTEM = new AdminPrincipal(null, "federation", null, null);
    private static final Logger LOG = Logger.getLogger(Domains.class);

    @Inject
    FederationConfig config;
    @Inject
    AuditLog audit;
    @Inject
    DomainVerifier verifier;

    public ClaimExpiry claims() {
        return new ClaimExpiry(config.domains().claimLifetime());
    }

    /**
     * Adds a domain. Only operators may mark it verified directly; a realm admin's domain waits for DNS verification.
     * Another realm's unverified claim is taken over once it has expired; a verified domain never is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEntity add(RealmEntity realm, DomainRepresentation rep, AdminPrincipal who) {
        if (rep == null) {
            throw ProblemException.badRequest("A JSON body {\"name\": \"example.com\"} is required");
        }
        DomainName name;
        try {
            name = DomainName.parse(rep.name());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("name: " + e.getMessage());
        }
        if (Boolean.TRUE.equals(rep.verified()) && !who.isOperator()) {
            throw ProblemException.forbidden("verified: only operators may add a domain as verified; "
                    + "publish the DNS TXT record instead");
        }
        DomainEntity existing = DomainEntity.findByName(name.value()).orElse(null);
        if (existing != null) {
            refuseUnlessExpiredClaim(realm, name, existing);
            takeOver(existing);
        }
        DomainEntity domain = new DomainEntity();
        domain.id = UUID.randomUUID().toString();
        domain.realm = realm;
        domain.name = name.value();
        domain.matchSubdomains = Boolean.TRUE.equals(rep.matchSubdomains());
        domain.verified = Boolean.TRUE.equals(rep.verified());
        domain.verificationToken = domain.verified ? null : RandomSecrets.urlSafe(24);
        // Milliseconds: what every database keeps, so the claim's expiry reads the same before and after storing.
        domain.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        domain.verifiedAt = domain.verified ? domain.createdAt : null;
        domain.persist();
        return domain;
    }

    private void refuseUnlessExpiredClaim(RealmEntity realm, DomainName name, DomainEntity existing) {
        if (existing.realm.id.equals(realm.id)) {
            throw ProblemException.conflict("Domain '" + name + "' is already registered in this realm");
        }
        if (existing.verified) {
            throw ProblemException.conflict("Domain '" + name + "' belongs to another realm");
        }
        ClaimExpiry claims = claims();
        if (!claims.expired(existing, Instant.now())) {
            throw ProblemException.conflict("Domain '" + name + "' is claimed by another realm and not verified yet; "
                    + "that claim expires at " + claims.expiresAt(existing) + ", after which this realm may add it");
        }
    }

    /**
     * Removes an expired claim so another realm can add the name. Its realm's audit log says what happened, but not
     * who took it: realms never learn about each other.
     */
    private void takeOver(DomainEntity expired) {
        // Only while still unverified: a check on another node may have verified it since it was read, and the
        // database re-evaluates this condition after waiting for that update.
        if (DomainEntity.delete("id = ?1 and verified = false", expired.id) != 1) {
            throw ProblemException.conflict("Domain '" + expired.name + "' belongs to another realm");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", expired.name);
        record.put("verified", false);
        record.put("reason", "the unverified claim expired at " + claims().expiresAt(expired)
                + " and another realm added the domain");
        audit.record(SYSTEM, expired.realm.name, AuditLog.Operation.DELETE, AUDIT_TYPE, "domains/" + expired.name, record);
        LOG.infof("Expired unverified claim of realm %s on domain %s removed: another realm added the domain",
                expired.realm.name, expired.name);
    }

    /**
     * Checks the domain's TXT record now and answers the domain, verified or with the reason it is not. Not one
     * transaction: the DNS lookup may take seconds and must not hold a database connection meanwhile. {@code find}
     * reads the domain (checking the caller's access) and fails like an unknown domain.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DomainRepresentation verifyNow(String realmName, java.util.function.Supplier<DomainEntity> find,
                                          AdminPrincipal who) {
        DomainVerifier.Claim claim = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            DomainEntity domain = find.get();
            return domain.verified ? null : DomainVerifier.Claim.of(domain);
        });
        VerificationRecord.Check check = claim == null ? null : verifier.check(claim);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            if (check != null) {
                verifier.record(claim, check);
            }
            // Read again: deleted or taken over meanwhile is a 404 like any unknown domain.
            DomainEntity domain = find.get();
            audit.record(who, realmName, AuditLog.Operation.ACTION, AUDIT_TYPE,
                    "domains/" + domain.name + "/verify", DomainVerifier.verificationAudit(domain));
            return toRepresentation(domain);
        });
    }

    /** The realm's domain of that name (in any spelling of it); 400 for a malformed name, 404 for another's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEntity require(RealmEntity realm, String name) {
        String canonical;
        try {
            canonical = DomainName.parse(name).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("name: " + e.getMessage());
        }
        return DomainEntity.findByName(canonical).filter(d -> d.realm.id.equals(realm.id))
                .orElseThrow(() -> ProblemException.notFound("Domain '" + canonical + "' is not registered in realm '"
                        + realm.name + "'"));
    }

    public DomainRepresentation toRepresentation(DomainEntity domain) {
        boolean pending = !domain.verified;
        return new DomainRepresentation(domain.name, domain.matchSubdomains, domain.verified,
                pending ? VerificationRecord.PREFIX + domain.verificationToken : null,
                text(domain.verifiedAt),
                pending ? text(claims().expiresAt(domain)) : null,
                text(domain.lastCheckedAt), domain.lastCheckError);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
