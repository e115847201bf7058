package cloud.federation.realm.idp;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.idp.importer.DocumentFetcher;
import cloud.federation.realm.idp.importer.ImportException;
import cloud.federation.realm.idp.importer.SamlMetadataImporter;
import cloud.federation.realm.model.IdentityProviderEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-reads SAML IdP metadata published at a URL (Keycloak's {@code useMetadataDescriptorUrl}), so certificate
 * rollovers arrive without an admin. A fetch that fails or a document that does not validate changes nothing but
 * the recorded error: the last good copy stays in force.
 */
@ApplicationScoped
public class SamlMetadataRefresh {

    private static final Logger LOG = Logger.getLogger(SamlMetadataRefresh.class);
    /** Keys that come from the metadata; everything else is the admin's choice and is left alone. */
    static final Set<String> FROM_METADATA = Set.of("idpEntityId", "singleSignOnServiceUrl",
            SamlMetadataImporter.SSO_URL_KEY_PREFIX + "HTTP-POST", SamlMetadataImporter.SSO_URL_KEY_PREFIX + "HTTP-Redirect",
            "singleLogoutServiceUrl", "signingCertificate", "validateSignature", "wantAuthnRequestsSigned",
            SamlMetadataImporter.NAME_ID_FORMATS_KEY);
    static final String REFRESHED_AT = "metadataRefreshedAt";
    static final String REFRESH_ERROR = "metadataRefreshError";

    @Inject
    FederationConfig config;

    @Scheduled(every = "${federation.saml.metadata-refresh-interval:6h}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshAll() {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> IdentityProviderEntity
                .<IdentityProviderEntity>list("providerId", "saml").stream()
                .filter(i -> "true".equals(i.config.get("useMetadataDescriptorUrl")) && i.config.get("metadataDescriptorUrl") != null)
                .map(i -> i.id).toList());
        ids.forEach(this::refresh);
    }

    void refresh(String idpId) {
        String url = QuarkusTransaction.requiringNew().call(() ->
                IdentityProviderEntity.<IdentityProviderEntity>findById(idpId).config.get("metadataDescriptorUrl"));
        Map<String, String> fresh;
        String error = null;
        try {
            byte[] document = new DocumentFetcher(config.importer().fetchTimeout(), config.importer().maxDocumentBytes())
                    .fetch(URI.create(url));
            fresh = SamlMetadataImporter.importMetadata(document);
        } catch (ImportException | IllegalArgumentException e) {
            fresh = null;
            error = e.getMessage();
        }
        Map<String, String> update = fresh;
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> {
            IdentityProviderEntity idp = IdentityProviderEntity.findById(idpId);
            Map<String, String> next = new LinkedHashMap<>(idp.config);
            if (update != null) {
                FROM_METADATA.forEach(next::remove);
                update.forEach((k, v) -> {
                    if (FROM_METADATA.contains(k)) {
                        next.put(k, v);
                    }
                });
                next.put(REFRESHED_AT, Instant.now().toString());
                next.remove(REFRESH_ERROR);
                LOG.infof("Refreshed SAML metadata of idp %s (realm %s)", idp.alias, idp.realm.name);
            } else {
                next.put(REFRESH_ERROR, Instant.now() + " " + failure);
                LOG.warnf("SAML metadata refresh failed for idp %s (realm %s); keeping the last good copy: %s", idp.alias,
                        idp.realm.name, failure);
            }
            idp.config = next;
        });
    }
}
