package cloud.federation.oidc.broker;

import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.domain.DomainOwnership;
import cloud.federation.realm.idp.IdentityProviderRepresentations;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The email an upstream asserts must belong to a (verified) domain of this realm, and to the identity provider's
 * own domains when it lists some. Otherwise a customer's IdP could sign users in as another customer's people.
 */
public final class DomainBinding {

    private DomainBinding() {
    }

    /** The refusal reason, or empty when the email is acceptable. */
    public static Optional<String> refusal(RealmEntity realm, IdentityProviderEntity idp, String email,
                                           boolean emailVerified) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            return Optional.of("email_missing");
        }
        if (!emailVerified && !idp.trustEmail) {
            return Optional.of("email_not_verified");
        }
        DomainName domain;
        try {
            domain = DomainName.ofLogin(email);
        } catch (IllegalArgumentException e) {
            return Optional.of("email_domain_invalid");
        }
        Optional<DomainEntity> owner = DomainOwnership.find(domain);
        if (owner.isEmpty() || !owner.get().realm.id.equals(realm.id)) {
            return Optional.of("email_domain_not_in_realm");
        }
        String listed = idp.config.get(IdentityProviderRepresentations.DOMAINS_KEY);
        if (listed != null && !listed.isBlank()) {
            List<String> domains = Arrays.asList(listed.split("##"));
            if (!domains.contains(owner.get().name)) {
                return Optional.of("email_domain_not_served_by_idp");
            }
        }
        return Optional.empty();
    }

    /** The domain of an email for the audit log, or null. */
    public static String domainOf(String email) {
        try {
            return email == null ? null : DomainName.ofLogin(email).value();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
