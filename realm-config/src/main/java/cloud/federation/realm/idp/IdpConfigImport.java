package cloud.federation.realm.idp;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.idp.importer.DocumentFetcher;
import cloud.federation.realm.idp.importer.ImportException;
import cloud.federation.realm.idp.importer.OidcDiscoveryImporter;
import cloud.federation.realm.idp.importer.SamlMetadataImporter;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Turns an IdP's published configuration (SAML metadata, OIDC discovery document) into identity-provider config,
 * for the admin API's import-config and the console's wizard alike. Failures are a 400 naming the reason.
 */
@ApplicationScoped
public class IdpConfigImport {

    @Inject
    FederationConfig config;

    /**
     * Operators may import from anywhere they can reach; realm admins only from public https URLs, so an import is
     * never a way to make this service fetch from its own network.
     */
    public Map<String, String> fromUrl(String providerId, String fromUrl, AdminPrincipal who) {
        if (fromUrl == null || fromUrl.isBlank()) {
            throw ProblemException.badRequest("fromUrl: is required");
        }
        URI url;
        try {
            url = new URI(fromUrl.trim());
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("fromUrl: '" + fromUrl + "' is not a valid URL");
        }
        try {
            byte[] document = new DocumentFetcher(config.importer().fetchTimeout(), config.importer().maxDocumentBytes(),
                    !who.isOperator()).fetch(url);
            return parse(providerId, document, url);
        } catch (ImportException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    public Map<String, String> fromDocument(String providerId, byte[] document) {
        if (document.length > config.importer().maxDocumentBytes()) {
            throw ProblemException.badRequest("file: larger than " + config.importer().maxDocumentBytes() + " bytes");
        }
        try {
            return parse(providerId, document, null);
        } catch (ImportException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static Map<String, String> parse(String providerId, byte[] document, URI source) throws ImportException {
        return switch (providerId == null ? "" : providerId) {
            case "saml" -> SamlMetadataImporter.importMetadata(document);
            case "oidc", "keycloak-oidc" -> {
                if (source == null) {
                    throw new ImportException("OIDC configuration is imported from its discovery URL (fromUrl)");
                }
                yield OidcDiscoveryImporter.importDiscovery(source, document);
            }
            default -> throw new ImportException("providerId: must be 'saml' or 'oidc' for import-config");
        };
    }
}
