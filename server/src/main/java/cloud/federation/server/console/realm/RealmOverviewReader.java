package cloud.federation.server.console.realm;

import cloud.federation.realm.domain.Domains;
import cloud.federation.realm.login.LoginEventEntity;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.sync.store.SyncRun;
import cloud.federation.sync.store.SyncRunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Assembles a realm's overview from the realm model, the sign-on events and the sync runs. */
@ApplicationScoped
public class RealmOverviewReader {

    @Inject
    Domains domains;
    @Inject
    SyncRunStore runs;

    @Transactional
    public RealmOverview read(RealmEntity realm) {
        Instant now = Instant.now();
        return new RealmOverview(realm.name, realm.displayName == null ? realm.name : realm.displayName, realm.enabled,
                DomainEntity.listByRealm(realm).stream().sorted(Comparator.comparing(d -> d.name))
                        .map(domains::toRepresentation).toList(),
                IdentityProviderEntity.listByRealm(realm).stream().sorted(Comparator.comparing(i -> i.alias))
                        .map(i -> idp(realm, i, now)).toList(),
                ClientEntity.listByRealm(realm).stream().sorted(Comparator.comparing(c -> c.clientId))
                        .map(c -> new RealmOverview.Suite(c.id, c.clientId, c.name, c.enabled, c.redirectUris,
                                c.ldapSecretHash != null)).toList(),
                DirectorySourceEntity.<DirectorySourceEntity>list("realm", realm).stream()
                        .sorted(Comparator.comparing(s -> s.name)).map(this::source).toList());
    }

    private static RealmOverview.Idp idp(RealmEntity realm, IdentityProviderEntity idp, Instant now) {
        boolean saml = "saml".equals(idp.providerId);
        return new RealmOverview.Idp(idp.alias, idp.displayName == null ? idp.alias : idp.displayName,
                idp.providerId, idp.enabled, lastEvent(realm, idp, "LOGIN"), lastEvent(realm, idp, "LOGIN_ERROR"),
                saml ? CertificateExpiry.of(idp.config.get("signingCertificate"), now).orElse(null) : null,
                "true".equals(idp.config.get("useMetadataDescriptorUrl")) ? idp.config.get("metadataDescriptorUrl") : null,
                idp.config.get("metadataRefreshedAt"), idp.config.get("metadataRefreshError"));
    }

    private static RealmOverview.LoginOutcome lastEvent(RealmEntity realm, IdentityProviderEntity idp, String type) {
        Optional<LoginEventEntity> event = LoginEventEntity.<LoginEventEntity>find(
                "realmName = ?1 and idpAlias = ?2 and type = ?3 order by time desc", realm.name, idp.alias, type)
                .firstResultOptional();
        return event.map(e -> new RealmOverview.LoginOutcome(e.time, e.reason, e.reference)).orElse(null);
    }

    private RealmOverview.Source source(DirectorySourceEntity source) {
        java.util.List<SyncRun> recent = runs.list(source.id, 20);
        Optional<SyncRun> last = recent.stream().findFirst();
        Integer served = recent.stream().filter(r -> r.status() == SyncRun.Status.SUCCEEDED)
                .map(SyncRun::served).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new RealmOverview.Source(source.id, source.name, source.kind.name(), source.enabled, source.schedule,
                last.map(r -> r.status().name()).orElse(null), last.map(SyncRun::startedAt).orElse(null), served,
                last.map(SyncRun::error).orElse(null));
    }
}
