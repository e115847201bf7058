package cloud.federation.saml;

import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.Issuers;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.security.credential.UsageType;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Certificate;
import org.opensaml.xmlsec.signature.X509Data;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/** Our SP metadata for one identity provider, importable as-is into Entra ID, Okta, ADFS and Keycloak. */
@Path("/realms/{realm}/broker/{alias}/endpoint/descriptor")
public class SpMetadataResource {

    @Inject
    SpCredentials credentials;
    @Inject
    Issuers issuers;

    @GET
    @Produces("application/samlmetadata+xml")
    @Transactional
    public Response descriptor(@PathParam("realm") String realmName, @PathParam("alias") String alias, @Context UriInfo uri) {
        RealmEntity realm = RealmEntity.findEnabled(realmName)
                .orElseThrow(() -> ProblemException.notFound("Realm '" + realmName + "' does not exist"));
        IdentityProviderEntity idp = IdentityProviderEntity.findByAlias(realm, alias).filter(i -> "saml".equals(i.providerId))
                .orElseThrow(() -> ProblemException.notFound("No SAML identity provider '" + alias + "' in this realm"));
        String issuer = issuers.issuer(uri, realm.name);
        BasicX509Credential sp = credentials.of(realm);

        EntityDescriptor entity = SamlXml.build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        entity.setEntityID(issuer);
        SPSSODescriptor descriptor = SamlXml.build(SPSSODescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        descriptor.setAuthnRequestsSigned(true);
        descriptor.setWantAssertionsSigned("true".equals(idp.config.get("wantAssertionsSigned")));
        descriptor.getKeyDescriptors().add(key(sp, UsageType.SIGNING));
        descriptor.getKeyDescriptors().add(key(sp, UsageType.ENCRYPTION));
        for (String format : new String[] {NameIDType.EMAIL, NameIDType.PERSISTENT, NameIDType.UNSPECIFIED}) {
            NameIDFormat nameIdFormat = SamlXml.build(NameIDFormat.DEFAULT_ELEMENT_NAME);
            nameIdFormat.setURI(format);
            descriptor.getNameIDFormats().add(nameIdFormat);
        }
        AssertionConsumerService acs = SamlXml.build(AssertionConsumerService.DEFAULT_ELEMENT_NAME);
        acs.setBinding(SAMLConstants.SAML2_POST_BINDING_URI);
        acs.setLocation(issuer + "/broker/" + alias + "/endpoint");
        acs.setIndex(0);
        acs.setIsDefault(true);
        descriptor.getAssertionConsumerServices().add(acs);
        entity.getRoleDescriptors().add(descriptor);
        return Response.ok(SamlXml.serialize(entity)).header("Cache-Control", "max-age=300").build();
    }

    private static KeyDescriptor key(BasicX509Credential sp, UsageType use) {
        KeyDescriptor descriptor = SamlXml.build(KeyDescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.setUse(use);
        KeyInfo keyInfo = SamlXml.build(KeyInfo.DEFAULT_ELEMENT_NAME);
        X509Data data = SamlXml.build(X509Data.DEFAULT_ELEMENT_NAME);
        X509Certificate cert = SamlXml.build(X509Certificate.DEFAULT_ELEMENT_NAME);
        try {
            cert.setValue(Base64.getEncoder().encodeToString(sp.getEntityCertificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        data.getX509Certificates().add(cert);
        keyInfo.getX509Datas().add(data);
        descriptor.setKeyInfo(keyInfo);
        return descriptor;
    }
}
