package cloud.federation.realm.idp.importer;

import net.shibboleth.utilities.java.support.component.ComponentInitializationException;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntitiesDescriptor;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.X509Certificate;
import org.opensaml.xmlsec.signature.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads SAML 2.0 IdP metadata with OpenSAML's secure parser pool (no DOCTYPE, no external entities) into
 * Keycloak's SAML identity provider config keys.
 */
public final class SamlMetadataImporter {

    public static final String SSO_URL_KEY_PREFIX = "singleSignOnServiceUrl.";
    public static final String NAME_ID_FORMATS_KEY = "nameIDFormats";
    private static final BasicParserPool PARSER_POOL = createParserPool();

    private SamlMetadataImporter() {
    }

    /** OpenSAML's secure parser pool (no DOCTYPE, no external entities, comments dropped, text coalesced). */
    public static BasicParserPool parserPool() {
        return PARSER_POOL;
    }

    public static Map<String, String> importMetadata(byte[] xml) throws ImportException {
        EntityDescriptor entity = onlyIdentityProvider(unmarshal(xml));
        IDPSSODescriptor idp = entity.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);

        Map<String, String> byBinding = new LinkedHashMap<>();
        for (SingleSignOnService sso : idp.getSingleSignOnServices()) {
            if (sso.getLocation() != null && !byBinding.containsKey(sso.getBinding())) {
                byBinding.put(sso.getBinding(), sso.getLocation().trim());
            }
        }
        String post = byBinding.get(SAMLConstants.SAML2_POST_BINDING_URI);
        String redirect = byBinding.get(SAMLConstants.SAML2_REDIRECT_BINDING_URI);
        if (post == null && redirect == null) {
            throw new ImportException("IdP metadata has no SingleSignOnService with the HTTP-POST or HTTP-Redirect binding");
        }

        Map<String, String> config = new LinkedHashMap<>();
        config.put("idpEntityId", entity.getEntityID());
        config.put("singleSignOnServiceUrl", post != null ? post : redirect);
        config.put("postBindingAuthnRequest", String.valueOf(post != null));
        config.put("postBindingResponse", "true");
        if (redirect != null) {
            config.put(SSO_URL_KEY_PREFIX + "HTTP-Redirect", redirect);
        }
        if (post != null) {
            config.put(SSO_URL_KEY_PREFIX + "HTTP-POST", post);
        }
        singleLogout(idp).ifPresent(url -> {
            config.put("singleLogoutServiceUrl", url.location());
            config.put("postBindingLogout", String.valueOf(url.post()));
        });
        List<String> formats = idp.getNameIDFormats().stream().map(NameIDFormat::getURI)
                .filter(f -> f != null && !f.isBlank()).map(String::trim).toList();
        if (!formats.isEmpty()) {
            config.put("nameIDPolicyFormat", formats.get(0));
            config.put(NAME_ID_FORMATS_KEY, String.join(",", formats));
        }
        List<String> certificates = signingCertificates(idp);
        for (int i = 0; i < certificates.size(); i++) {
            requireCertificate(i, certificates.get(i));
        }
        config.put("validateSignature", String.valueOf(!certificates.isEmpty()));
        if (!certificates.isEmpty()) {
            config.put("signingCertificate", String.join(",", certificates));
        }
        config.put("wantAuthnRequestsSigned", String.valueOf(Boolean.TRUE.equals(idp.getWantAuthnRequestsSigned())));
        config.put("addExtensionsElementWithKeyInfo", "false");
        config.put("loginHint", "false");
        config.put("enabledFromMetadata", "true");
        return config;
    }

    private record Logout(String location, boolean post) {
    }

    private static Optional<Logout> singleLogout(IDPSSODescriptor idp) {
        Logout found = null;
        for (SingleLogoutService slo : idp.getSingleLogoutServices()) {
            if (SAMLConstants.SAML2_POST_BINDING_URI.equals(slo.getBinding())) {
                return Optional.of(new Logout(slo.getLocation(), true));
            }
            if (found == null && SAMLConstants.SAML2_REDIRECT_BINDING_URI.equals(slo.getBinding())) {
                found = new Logout(slo.getLocation(), false);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every signing certificate, so a rollover period with two certificates keeps working. */
    private static List<String> signingCertificates(IDPSSODescriptor idp) {
        Set<String> out = new LinkedHashSet<>();
        for (KeyDescriptor kd : idp.getKeyDescriptors()) {
            if (kd.getUse() == UsageType.ENCRYPTION || kd.getKeyInfo() == null) {
                continue;
            }
            for (X509Data data : kd.getKeyInfo().getX509Datas()) {
                for (X509Certificate cert : data.getX509Certificates()) {
                    if (cert.getValue() != null) {
                        out.add(cert.getValue().replaceAll("\\s", ""));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static void requireCertificate(int index, String base64) throws ImportException {
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new ImportException("Signing certificate " + (index + 1) + " is not a valid X.509 certificate");
        }
    }

    private static EntityDescriptor onlyIdentityProvider(XMLObject root) throws ImportException {
        List<EntityDescriptor> candidates = new ArrayList<>();
        collect(root, candidates);
        List<EntityDescriptor> idps = candidates.stream()
                .filter(e -> e.getIDPSSODescriptor(SAMLConstants.SAML20P_NS) != null).toList();
        if (idps.isEmpty()) {
            throw new ImportException("Metadata contains no SAML 2.0 IDPSSODescriptor (is this service provider metadata?)");
        }
        if (idps.size() > 1) {
            throw new ImportException("Metadata describes " + idps.size()
                    + " identity providers; import the EntityDescriptor of one");
        }
        return idps.get(0);
    }

    private static void collect(XMLObject node, List<EntityDescriptor> out) throws ImportException {
        if (node instanceof EntityDescriptor entity) {
            out.add(entity);
        } else if (node instanceof EntitiesDescriptor entities) {
            out.addAll(entities.getEntityDescriptors());
            for (EntitiesDescriptor nested : entities.getEntitiesDescriptors()) {
                collect(nested, out);
            }
        } else {
            throw new ImportException("Not SAML metadata: the root element must be EntityDescriptor or EntitiesDescriptor");
        }
    }

    private static XMLObject unmarshal(byte[] xml) throws ImportException {
        Document document;
        try {
            document = PARSER_POOL.parse(new ByteArrayInputStream(xml));
        } catch (XMLParserException e) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            if (cause != null && cause.contains("DOCTYPE")) {
                throw new ImportException("Metadata must not contain a DOCTYPE declaration");
            }
            throw new ImportException("Metadata is not well-formed XML: " + cause);
        }
        Element root = document.getDocumentElement();
        Unmarshaller unmarshaller = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root);
        if (unmarshaller == null) {
            throw new ImportException("Not SAML metadata: unknown root element " + root.getLocalName());
        }
        try {
            return unmarshaller.unmarshall(root);
        } catch (UnmarshallingException e) {
            throw new ImportException("Metadata could not be read: " + e.getMessage());
        }
    }

    private static BasicParserPool createParserPool() {
        try {
            InitializationService.initialize();
        } catch (InitializationException e) {
            throw new IllegalStateException("OpenSAML initialisation failed", e);
        }
        BasicParserPool pool = new BasicParserPool();
        pool.setMaxPoolSize(50);
        pool.setIgnoreComments(true);
        pool.setCoalescing(true);
        pool.setExpandEntityReferences(false);
        pool.setNamespaceAware(true);
        try {
            pool.initialize();
        } catch (ComponentInitializationException e) {
            throw new IllegalStateException("parser pool initialisation failed", e);
        }
        return pool;
    }
}
