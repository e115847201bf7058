package cloud.federation.realm.domain;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.domain.dns.DnsLookupException;
import cloud.federation.realm.domain.dns.DnsTxtLookup;
import cloud.federation.realm.model.DomainEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves domain claims with DNS: a claim is verified once its TXT record is published at the domain. Checked when
 * an admin asks and, for every unverified domain, on a schedule. Each node may run the schedule: the outcome is
 * written only to the same claim while it is still unverified, so a concurrent check, deletion or takeover wins
 * harmlessly and a domain is verified (and audited) once.
 */
@ApplicationScoped
@Startup
public class DomainVerifier {

    private static final Logger LOG = Logger.getLogger(DomainVerifier.class);
    private static final int MAX_ERROR_LENGTH = 500;

    @Inject
    FederationConfig config;
    @Inject
    AuditLog audit;

    private DnsTxtLookup lookup;

    /** The claim as it was read: its row, realm, name and token. */
    public record Claim(String id, String realm, DomainName name, String token) {

        public static Claim of(DomainEntity domain) {
            return new Claim(domain.id, domain.realm.name, new DomainName(domain.name), domain.verificationToken);
        }
    }

    @PostConstruct
    void configure() {
        // At startup, so a malformed resolver setting stops the node instead of failing every check later.
        try {
            lookup = DnsTxtLookup.using(config.domains().resolver(), config.domains().lookupTimeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("federation.domains.resolver: " + e.getMessage(), e);
        }
    }

    /** Asks DNS; outside any transaction, as a lookup may take seconds. */
    public VerificationRecord.Check check(Claim claim) {
        try {
            return VerificationRecord.check(claim.name(), claim.token(), lookup.lookup(claim.name()));
        } catch (DnsLookupException e) {
            return VerificationRecord.Check.unanswered(e.getMessage());
        }
    }

    /**
     * Writes the outcome if the row is still this unverified claim. Answers true when this call verified it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(Claim claim, VerificationRecord.Check check) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (check.verified()) {
            int updated = DomainEntity.update("verified = true, verifiedAt = ?1, lastCheckedAt = ?1, lastCheckError = null "
                    + "where id = ?2 and verified = false", now, claim.id());
            if (updated == 1) {
                LOG.infof("Domain %s (realm %s) verified by its DNS TXT record", claim.name(), claim.realm());
            }
            return updated == 1;
        }
        String failure = check.failure().length() > MAX_ERROR_LENGTH
                ? check.failure().substring(0, MAX_ERROR_LENGTH - 1) + "…" : check.failure();
        DomainEntity.update("lastCheckedAt = ?1, lastCheckError = ?2 where id = ?3 and verified = false",
                now, failure, claim.id());
        LOG.debugf("Domain %s (realm %s) not verified: %s", claim.name(), claim.realm(), failure);
        return false;
    }

    /** Verifies what was published since the last check, so admins need not come back to ask. */
    @Scheduled(every = "${federation.domains.verification-interval:10m}",
            delayed = "${federation.domains.verification-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recheckUnverified() {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> DomainEntity
                .<DomainEntity>list("verified = false order by name").stream().map(Claim::of).toList());
        int verified = 0;
        int lookupFailures = 0;
        for (Claim claim : claims) {
            VerificationRecord.Check check = check(claim);
            if (check.lookupFailed()) {
                lookupFailures++;
            }
            boolean nowVerified = QuarkusTransaction.requiringNew().call(() -> {
                boolean done = record(claim, check);
                if (done) {
                    DomainEntity domain = DomainEntity.findById(claim.id());
                    audit.record(Domains.SYSTEM, claim.realm(), AuditLog.Operation.ACTION, Domains.AUDIT_TYPE,
                            "domains/" + claim.name() + "/verify", verificationAudit(domain));
                }
                return done;
            });
            verified += nowVerified ? 1 : 0;
        }
        // Quiet while nothing happens; a resolver that keeps failing is worth a line per round.
        if (verified > 0 || lookupFailures > 0) {
            LOG.infof("Domain verification: checked %d unverified domain(s), %d verified, %d DNS lookup failure(s)",
                    claims.size(), verified, lookupFailures);
        }
    }

    /** What the audit log keeps of a check: outcome and reason, not the representation's token. */
    static Map<String, Object> verificationAudit(DomainEntity domain) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", domain.name);
        record.put("verified", domain.verified);
        if (domain.lastCheckError != null && !domain.verified) {
            record.put("lastCheckError", domain.lastCheckError);
        }
        return record;
    }
}
