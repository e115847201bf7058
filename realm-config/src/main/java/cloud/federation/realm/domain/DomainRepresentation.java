package cloud.federation.realm.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Our own admin representation of a realm's login domain. Only {@code name}, {@code matchSubdomains} and (for
 * operators) {@code verified} are read on input; the rest is state: the record to publish while unverified, until
 * when the claim is reserved, the last DNS check and its failure. Times are ISO-8601 instants.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainRepresentation(String name, Boolean matchSubdomains, Boolean verified, String verificationRecord,
                                   String verifiedAt, String claimExpiresAt, String lastCheckedAt,
                                   String lastCheckError) {
}
