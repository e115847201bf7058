package cloud.federation.server.console.realm;

import cloud.federation.realm.domain.DomainRepresentation;

import java.time.Instant;
import java.util.List;

/** What the realm's overview page shows: each part's state, read in one transaction. */
public record RealmOverview(String name, String displayName, boolean enabled, List<DomainRepresentation> domains,
                            List<Idp> identityProviders, List<Suite> suites, List<Source> sources) {

    public record Idp(String alias, String displayName, String protocol, boolean enabled, LoginOutcome lastSuccess,
                      LoginOutcome lastFailure, CertificateExpiry signingCertificate, String metadataUrl,
                      String metadataRefreshedAt, String metadataRefreshError) {
    }

    public record LoginOutcome(Instant time, String reason, String reference) {
    }

    public record Suite(String id, String clientId, String name, boolean enabled, List<String> redirectUris,
                        boolean ldapCredential) {
    }

    public record Source(String id, String name, String kind, boolean enabled, String schedule, String lastStatus,
                         Instant lastStartedAt, Integer served, String lastError) {
    }
}
