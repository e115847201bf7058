package cloud.federation.realm.idp.importer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamlMetadataImporterTest {

    private static final String CERT_A = b64(TestCertificates.selfSigned("idp-2026").certificate());
    private static final String CERT_B = b64(TestCertificates.selfSigned("idp-2027").certificate());
    private static final String ENCRYPTION_CERT = b64(TestCertificates.selfSigned("idp-enc").certificate());

    private static String b64(java.security.cert.X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyDescriptor(String use, String cert) {
        return "<md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + "><ds:KeyInfo><ds:X509Data>"
                + "<ds:X509Certificate>\n" + cert.replaceAll("(.{64})", "$1\n") + "\n</ds:X509Certificate>"
                + "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
    }

    private static String idpMetadata(String descriptorBody, String wantSigned) {
        return "<?xml version=\"1.0\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"https://idp.contoso.example/saml\">"
                + "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"" + wantSigned + "\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + descriptorBody
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    private static final String FULL_BODY = keyDescriptor("signing", CERT_A) + keyDescriptor(null, CERT_B)
            + keyDescriptor("encryption", ENCRYPTION_CERT)
            + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.contoso.example/slo\"/>"
            + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
            + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
            + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.contoso.example/sso/redirect\"/>"
            + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://idp.contoso.example/sso/post\"/>";

    private static Map<String, String> importXml(String xml) throws ImportException {
        return SamlMetadataImporter.importMetadata(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEntityBindingsCertificatesAndFormats() throws Exception {
        Map<String, String> config = importXml(idpMetadata(FULL_BODY, "true"));
        assertEquals("https://idp.contoso.example/saml", config.get("idpEntityId"));
        assertEquals("https://idp.contoso.example/sso/post", config.get("singleSignOnServiceUrl"));
        assertEquals("https://idp.contoso.example/sso/post", config.get("singleSignOnServiceUrl.HTTP-POST"));
        assertEquals("https://idp.contoso.example/sso/redirect", config.get("singleSignOnServiceUrl.HTTP-Redirect"));
        assertEquals("true", config.get("postBindingAuthnRequest"));
        assertEquals("https://idp.contoso.example/slo", config.get("singleLogoutServiceUrl"));
        assertEquals("false", config.get("postBindingLogout"));
        assertEquals("true", config.get("wantAuthnRequestsSigned"));
        assertEquals("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", config.get("nameIDPolicyFormat"));
        assertEquals("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress,urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                config.get("nameIDFormats"));
        // Both signing certificates (rollover), whitespace removed; never the encryption-only one.
        assertEquals(CERT_A + "," + CERT_B, config.get("signingCertificate"));
        assertFalse(config.get("signingCertificate").contains(ENCRYPTION_CERT));
        assertEquals("true", config.get("validateSignature"));
    }

    @Test
    void redirectOnlyIdpUsesTheRedirectBinding() throws Exception {
        String body = keyDescriptor("signing", CERT_A)
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example/r\"/>";
        Map<String, String> config = importXml(idpMetadata(body, "false"));
        assertEquals("https://idp.example/r", config.get("singleSignOnServiceUrl"));
        assertEquals("false", config.get("postBindingAuthnRequest"));
        assertEquals("false", config.get("wantAuthnRequestsSigned"));
    }

    @Test
    void refusesADoctype() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE md:EntityDescriptor [<!ENTITY x \"boom\">]>"
                + idpMetadata(FULL_BODY, "true").substring("<?xml version=\"1.0\"?>".length());
        ImportException e = assertThrows(ImportException.class, () -> importXml(xml));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void refusesAnExternalEntity() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&xxe;\"/>";
        assertThrows(ImportException.class, () -> importXml(xml));
    }

    @Test
    void refusesMalformedXml() {
        ImportException e = assertThrows(ImportException.class, () -> importXml("<md:EntityDescriptor"));
        assertTrue(e.getMessage().startsWith("Metadata is not well-formed XML"), e.getMessage());
    }

    @Test
    void refusesServiceProviderMetadata() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://sp/acs\" index=\"0\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";
        ImportException e = assertThrows(ImportException.class, () -> importXml(sp));
        assertTrue(e.getMessage().contains("no SAML 2.0 IDPSSODescriptor"), e.getMessage());
    }

    @Test
    void refusesANonMetadataDocument() {
        assertThrows(ImportException.class, () -> importXml("<html><body>login</body></html>"));
    }

    @Test
    void refusesAnIdpWithoutUsableSsoBinding() {
        String body = "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:SOAP\" Location=\"https://idp/soap\"/>";
        assertThrows(ImportException.class, () -> importXml(idpMetadata(body, "false")));
    }

    @Test
    void refusesACertificateThatDoesNotParse() {
        String body = keyDescriptor("signing", "bm90LWEtY2VydGlmaWNhdGU=")
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://idp/sso\"/>";
        ImportException e = assertThrows(ImportException.class, () -> importXml(idpMetadata(body, "false")));
        assertTrue(e.getMessage().contains("not a valid X.509 certificate"), e.getMessage());
    }
}
