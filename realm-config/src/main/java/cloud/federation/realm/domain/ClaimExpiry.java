package cloud.federation.realm.domain;

import cloud.federation.realm.model.DomainEntity;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an unverified domain stays reserved for the realm that added it. Without an end, anyone could block a
 * customer from its own domain by claiming it first; with one, the claimant has that long to publish the record.
 * Computed from the creation time, so a changed lifetime applies to existing claims too.
 */
public record ClaimExpiry(Duration lifetime) {

    public Instant expiresAt(DomainEntity domain) {
        return domain.createdAt.plus(lifetime);
    }

    /** A verified domain is owned, not claimed: it never expires. */
    public boolean expired(DomainEntity domain, Instant now) {
        return !domain.verified && !now.isBefore(expiresAt(domain));
    }
}
