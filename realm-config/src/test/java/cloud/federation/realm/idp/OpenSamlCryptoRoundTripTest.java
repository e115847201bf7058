package cloud.federation.realm.idp;

import cloud.federation.realm.idp.importer.SamlMetadataImporter;
import cloud.federation.realm.idp.importer.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.credential.Credential;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.SignatureSigningParameters;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureSupport;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Element;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Proves the dependency override: OpenSAML 4.0.1 with the patched xmlsec and bcprov-jdk18on signs, verifies and
 * decrypts (RSA-OAEP key transport, AES-GCM content) an assertion end to end.
 */
class OpenSamlCryptoRoundTripTest {

    private static BasicX509Credential idpSigning;
    private static BasicX509Credential spEncryption;

    @BeforeAll
    static void init() throws Exception {
        // Importer initialisation runs OpenSAML's InitializationService once for the JVM.
        SamlMetadataImporter.class.getName();
        Class.forName(SamlMetadataImporter.class.getName(), true, SamlMetadataImporter.class.getClassLoader());
        TestCertificates.Issued signing = TestCertificates.selfSigned("idp-signing");
        idpSigning = new BasicX509Credential(signing.certificate(), signing.keyPair().getPrivate());
        TestCertificates.Issued encryption = TestCertificates.selfSigned("sp-encryption");
        spEncryption = new BasicX509Credential(encryption.certificate(), encryption.keyPair().getPrivate());
    }

    private static Assertion assertion() {
        Assertion assertion = (Assertion) XMLObjectSupport.buildXMLObject(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID("_a" + System.nanoTime());
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setIssueInstant(Instant.now());
        Issuer issuer = (Issuer) XMLObjectSupport.buildXMLObject(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue("https://idp.contoso.example/saml");
        assertion.setIssuer(issuer);
        return assertion;
    }

    private static Assertion signed() throws Exception {
        Assertion assertion = assertion();
        SignatureSigningParameters params = new SignatureSigningParameters();
        params.setSigningCredential(idpSigning);
        params.setSignatureAlgorithm(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256);
        params.setSignatureReferenceDigestMethod(SignatureConstants.ALGO_ID_DIGEST_SHA256);
        params.setSignatureCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        SignatureSupport.signObject(assertion, params);
        return assertion;
    }

    /** Marshal to DOM and unmarshal again, as a receiver would see the document. */
    private static Assertion received(Assertion sent) throws Exception {
        Element dom = XMLObjectSupport.marshall(sent);
        XMLObject copy = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(dom).unmarshall(dom);
        return (Assertion) copy;
    }

    @Test
    void signatureVerifiesWithTheIdpCertificate() throws Exception {
        Assertion assertion = received(signed());
        new SAMLSignatureProfileValidator().validate(assertion.getSignature());
        SignatureValidator.validate(assertion.getSignature(), new BasicX509Credential(idpSigning.getEntityCertificate()));
    }

    @Test
    void signatureDoesNotVerifyWithAnotherCertificate() throws Exception {
        Assertion assertion = received(signed());
        Credential other = new BasicX509Credential(TestCertificates.selfSigned("attacker").certificate());
        assertThrows(SignatureException.class, () -> SignatureValidator.validate(assertion.getSignature(), other));
    }

    @Test
    void signatureDoesNotVerifyAfterTampering() throws Exception {
        Element dom = XMLObjectSupport.marshall(signed());
        dom.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer").item(0)
                .setTextContent("https://evil.example/");
        Assertion tampered = (Assertion) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                .getUnmarshaller(dom).unmarshall(dom);
        assertThrows(SignatureException.class, () -> SignatureValidator.validate(tampered.getSignature(),
                new BasicX509Credential(idpSigning.getEntityCertificate())));
    }

    @Test
    void encryptedAssertionDecryptsWithTheSpKeyOnly() throws Exception {
        DataEncryptionParameters data = new DataEncryptionParameters();
        data.setAlgorithm(EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256_GCM);
        KeyEncryptionParameters key = new KeyEncryptionParameters();
        key.setEncryptionCredential(new BasicX509Credential(spEncryption.getEntityCertificate()));
        key.setAlgorithm(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP);
        Encrypter encrypter = new Encrypter(data, key);
        encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
        EncryptedAssertion encrypted = encrypter.encrypt(signed());

        Decrypter decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(spEncryption),
                new InlineEncryptedKeyResolver());
        decrypter.setRootInNewDocument(true);
        Assertion decrypted = decrypter.decrypt(encrypted);
        assertEquals("https://idp.contoso.example/saml", decrypted.getIssuer().getValue());
        assertNotNull(decrypted.getSignature());
        SignatureValidator.validate(decrypted.getSignature(), new BasicX509Credential(idpSigning.getEntityCertificate()));

        BasicX509Credential wrongKey = new BasicX509Credential(TestCertificates.selfSigned("other-sp").certificate(),
                TestCertificates.selfSigned("other-sp").keyPair().getPrivate());
        Decrypter wrong = new Decrypter(null, new StaticKeyInfoCredentialResolver(wrongKey), new InlineEncryptedKeyResolver());
        assertThrows(Exception.class, () -> wrong.decrypt(encrypted));
    }
}
