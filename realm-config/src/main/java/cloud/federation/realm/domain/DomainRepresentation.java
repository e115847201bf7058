package cloud.federation.realm.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Our own admin representation of a realm's login domain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainRepresentation(String name, Boolean matchSubdomains, Boolean verified, String verificationRecord) {
}
