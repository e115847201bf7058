package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.idp.importer.SamlMetadataImporter;
import net.shibboleth.utilities.java.support.xml.XMLParserException;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DecryptionException;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a SAML 2.0 Response as an ordered pipeline (after Spring Security's OpenSAML provider): parse once with
 * the secure parser pool → document shape (one Response, one Assertion, unique IDs) → destination, status, issuer →
 * response signature → decryption → assertion signature → assertion checks. Each refusal carries a reason code;
 * values are read only from the assertion object whose signature was verified.
 */
public final class SamlResponseValidator {

    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
    static final Set<String> DIGEST_ALGORITHMS = Set.of("http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "http://www.w3.org/2001/04/xmlenc#sha512");
    static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    static final Set<String> KEY_TRANSPORT = Set.of("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
            "http://www.w3.org/2009/xmlenc11#rsa-oaep");
    static final Set<String> CONTENT_ENCRYPTION = Set.of("http://www.w3.org/2009/xmlenc11#aes128-gcm",
            "http://www.w3.org/2009/xmlenc11#aes192-gcm", "http://www.w3.org/2009/xmlenc11#aes256-gcm",
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc", "http://www.w3.org/2001/04/xmlenc#aes192-cbc",
            "http://www.w3.org/2001/04/xmlenc#aes256-cbc");

    private SamlResponseValidator() {
    }

    public static ValidatedAssertion validate(String base64Response, SamlExpectations expect) throws UpstreamLoginException {
        SamlXml.init();
        Document document = parse(base64Response);
        checkShape(document);
        Response response = unmarshal(document.getDocumentElement());

        if (response.getDestination() == null || !expect.acsUrl().equals(response.getDestination())) {
            throw refuse("destination_mismatch", "Response Destination is not our assertion consumer service");
        }
        String status = response.getStatus() == null || response.getStatus().getStatusCode() == null ? null
                : response.getStatus().getStatusCode().getValue();
        if (!StatusCode.SUCCESS.equals(status)) {
            throw UpstreamLoginException.fromIdp("status_not_success", "access_denied", "The identity provider answered " + status,
                    statusText(response));
        }
        if (response.getAssertions().isEmpty() && response.getEncryptedAssertions().isEmpty()) {
            throw refuse("no_assertion", "A successful Response must carry an assertion");
        }
        if (response.getIssuer() != null && !expect.idpEntityId().equals(response.getIssuer().getValue())) {
            throw refuse("response_issuer_mismatch", "Response Issuer is not the identity provider");
        }
        if (response.getInResponseTo() != null && !response.getInResponseTo().equals(expect.inResponseTo())) {
            throw refuse("in_response_to_mismatch", "Response does not answer our request");
        }
        boolean responseSigned = response.getSignature() != null;
        if (responseSigned) {
            verify(response.getSignature(), expect);
        } else if (expect.requireSignedResponse()) {
            throw refuse("response_not_signed", "The Response is not signed");
        }
        Assertion assertion = assertionOf(response, expect);
        if (assertion.getSignature() != null) {
            verify(assertion.getSignature(), expect);
        } else if (!responseSigned || expect.requireSignedAssertion()) {
            throw refuse(responseSigned ? "assertion_not_signed" : "not_signed", "The assertion is not signed");
        }
        return checkAssertion(assertion, expect);
    }

    private static Document parse(String base64Response) throws UpstreamLoginException {
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(base64Response == null ? "" : base64Response);
        } catch (IllegalArgumentException e) {
            throw refuse("malformed", "SAMLResponse is not base64");
        }
        try {
            return SamlMetadataImporter.parserPool().parse(new ByteArrayInputStream(xml));
        } catch (XMLParserException e) {
            throw refuse("malformed", "SAMLResponse is not acceptable XML (DOCTYPEs are refused)");
        }
    }

    /** Signature wrapping needs a second copy of what is signed: refuse any document that has one. */
    private static void checkShape(Document document) throws UpstreamLoginException {
        Element root = document.getDocumentElement();
        if (!SAMLP.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw refuse("malformed", "Root element is not samlp:Response");
        }
        if (document.getElementsByTagNameNS(SAMLP, "Response").getLength() != 1) {
            throw refuse("wrapped", "More than one Response element");
        }
        int assertions = document.getElementsByTagNameNS(SAML, "Assertion").getLength()
                + document.getElementsByTagNameNS(SAML, "EncryptedAssertion").getLength();
        // None is the usual shape of an error Response; a success without one is refused once its status is read.
        if (assertions > 1) {
            throw refuse("wrapped", "At most one assertion is allowed, found " + assertions);
        }
        Set<String> ids = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("ID") && !ids.add(e.getAttribute("ID"))) {
                throw refuse("wrapped", "Duplicate ID attribute");
            }
        }
    }

    /**
     * What the IdP said about its refusal, for the user's error page: its StatusMessage, else its status codes (the
     * second-level code, e.g. AuthnFailed, is the informative one). Unsigned and untrusted: shown only as text.
     */
    private static String statusText(Response response) {
        if (response.getStatus() == null) {
            return null;
        }
        if (response.getStatus().getStatusMessage() != null && response.getStatus().getStatusMessage().getValue() != null
                && !response.getStatus().getStatusMessage().getValue().isBlank()) {
            return response.getStatus().getStatusMessage().getValue();
        }
        StatusCode code = response.getStatus().getStatusCode();
        StringBuilder codes = new StringBuilder();
        for (int depth = 0; code != null && depth < 3; depth++, code = code.getStatusCode()) {
            String value = code.getValue() == null ? "" : code.getValue();
            codes.append(codes.length() == 0 ? "" : " / ").append(value.substring(value.lastIndexOf(':') + 1));
        }
        return codes.length() == 0 ? null : codes.toString();
    }

    private static Response unmarshal(Element root) throws UpstreamLoginException {
        try {
            XMLObject object = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root).unmarshall(root);
            return (Response) object;
        } catch (UnmarshallingException | ClassCastException e) {
            throw refuse("malformed", "Not a SAML Response");
        }
    }

    private static Assertion assertionOf(Response response, SamlExpectations expect) throws UpstreamLoginException {
        if (response.getAssertions().size() == 1 && response.getEncryptedAssertions().isEmpty()) {
            return response.getAssertions().get(0);
        }
        if (response.getEncryptedAssertions().size() == 1 && response.getAssertions().isEmpty()) {
            return decrypt(response.getEncryptedAssertions().get(0), expect);
        }
        throw refuse("wrapped", "The assertion is not a direct child of the Response");
    }

    /** Only inline RSA-OAEP key transport and AES-GCM/CBC content; checked before any decryption is attempted. */
    private static Assertion decrypt(EncryptedAssertion encrypted, SamlExpectations expect) throws UpstreamLoginException {
        if (expect.decryption() == null) {
            throw refuse("encryption_not_configured", "Encrypted assertions are not expected from this identity provider");
        }
        Element dom = encrypted.getDOM();
        if (dom.getElementsByTagNameNS(DSIG, "RetrievalMethod").getLength() > 0
                || dom.getElementsByTagNameNS(DSIG, "Transforms").getLength() > 0) {
            throw refuse("encrypted_key_not_inline", "EncryptedKey must be inline (no RetrievalMethod, no transforms)");
        }
        NodeList methods = dom.getElementsByTagNameNS(XENC, "EncryptionMethod");
        for (int i = 0; i < methods.getLength(); i++) {
            String algorithm = ((Element) methods.item(i)).getAttribute("Algorithm");
            if (!KEY_TRANSPORT.contains(algorithm) && !CONTENT_ENCRYPTION.contains(algorithm)) {
                throw refuse("encryption_algorithm_not_allowed", "Encryption algorithm not allowed: " + algorithm);
            }
        }
        try {
            Decrypter decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(expect.decryption()),
                    new InlineEncryptedKeyResolver());
            decrypter.setRootInNewDocument(true);
            return decrypter.decrypt(encrypted);
        } catch (DecryptionException e) {
            throw refuse("decryption_failed", "The assertion does not decrypt with our key");
        }
    }

    private static void verify(Signature signature, SamlExpectations expect) throws UpstreamLoginException {
        try {
            // Enveloped, exclusive c14n, exactly one Reference to the signed element's own ID — before any crypto.
            new SAMLSignatureProfileValidator().validate(signature);
        } catch (SignatureException e) {
            throw refuse("signature_profile_invalid", "Signature does not follow the SAML signature profile");
        }
        String algorithm = signature.getSignatureAlgorithm();
        Element dom = signature.getDOM();
        NodeList digests = dom == null ? null : dom.getElementsByTagNameNS(DSIG, "DigestMethod");
        boolean sha1 = RSA_SHA1.equals(algorithm);
        if (!SIGNATURE_ALGORITHMS.contains(algorithm) && !(sha1 && expect.allowSha1())) {
            throw refuse("signature_algorithm_not_allowed", "Signature algorithm not allowed: " + algorithm);
        }
        for (int i = 0; digests != null && i < digests.getLength(); i++) {
            String digest = ((Element) digests.item(i)).getAttribute("Algorithm");
            if (!DIGEST_ALGORITHMS.contains(digest) && !(SHA1.equals(digest) && expect.allowSha1())) {
                throw refuse("signature_algorithm_not_allowed", "Digest algorithm not allowed: " + digest);
            }
        }
        for (X509Certificate certificate : expect.idpCertificates()) {
            try {
                SignatureValidator.validate(signature, new BasicX509Credential(certificate));
                return;
            } catch (SignatureException wrongKey) {
                // try the next certificate (rollover)
            }
        }
        throw refuse("signature_invalid", "Signature does not verify with the identity provider's certificates");
    }

    private static ValidatedAssertion checkAssertion(Assertion assertion, SamlExpectations expect) throws UpstreamLoginException {
        Instant now = expect.now();
        if (assertion.getIssuer() == null || !expect.idpEntityId().equals(assertion.getIssuer().getValue())) {
            throw refuse("assertion_issuer_mismatch", "Assertion Issuer is not the identity provider");
        }
        Conditions conditions = assertion.getConditions();
        if (conditions == null) {
            throw refuse("conditions_missing", "Assertion has no Conditions");
        }
        if (conditions.getNotBefore() != null && now.plus(expect.skew()).isBefore(conditions.getNotBefore())) {
            throw refuse("not_yet_valid", "Assertion is not yet valid");
        }
        if (conditions.getNotOnOrAfter() != null && !now.minus(expect.skew()).isBefore(conditions.getNotOnOrAfter())) {
            throw refuse("expired", "Assertion has expired");
        }
        boolean audienceOk = !conditions.getAudienceRestrictions().isEmpty();
        for (AudienceRestriction restriction : conditions.getAudienceRestrictions()) {
            audienceOk &= restriction.getAudiences().stream().map(Audience::getURI).anyMatch(expect.spEntityId()::equals);
        }
        if (!audienceOk) {
            throw refuse("audience_mismatch", "Assertion is not addressed to us (Audience)");
        }
        if (assertion.getSubject() == null || assertion.getSubject().getNameID() == null) {
            throw refuse("subject_missing", "Assertion has no NameID");
        }
        SubjectConfirmationData bearer = bearer(assertion, expect);
        Instant notOnOrAfter = bearer.getNotOnOrAfter();
        NameID nameId = assertion.getSubject().getNameID();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (AttributeStatement statement : assertion.getAttributeStatements()) {
            for (Attribute attribute : statement.getAttributes()) {
                List<String> values = new ArrayList<>();
                attribute.getAttributeValues().forEach(v -> values.add(v instanceof XSString s ? s.getValue()
                        : v.getDOM() == null ? null : v.getDOM().getTextContent()));
                attributes.put(attribute.getName(), values);
            }
        }
        AuthnStatement authn = assertion.getAuthnStatements().isEmpty() ? null : assertion.getAuthnStatements().get(0);
        String classRef = authn == null || authn.getAuthnContext() == null || authn.getAuthnContext().getAuthnContextClassRef() == null
                ? null : authn.getAuthnContext().getAuthnContextClassRef().getURI();
        return new ValidatedAssertion(assertion.getID(), notOnOrAfter, nameId.getValue(), nameId.getFormat(), attributes,
                authn == null ? null : authn.getAuthnInstant(), classRef);
    }

    private static SubjectConfirmationData bearer(Assertion assertion, SamlExpectations expect) throws UpstreamLoginException {
        String reason = "bearer_confirmation_missing";
        for (SubjectConfirmation confirmation : assertion.getSubject().getSubjectConfirmations()) {
            SubjectConfirmationData data = confirmation.getSubjectConfirmationData();
            if (!SubjectConfirmation.METHOD_BEARER.equals(confirmation.getMethod()) || data == null) {
                continue;
            }
            if (!expect.acsUrl().equals(data.getRecipient())) {
                reason = "recipient_mismatch";
            } else if (data.getNotOnOrAfter() == null || !expect.now().minus(expect.skew()).isBefore(data.getNotOnOrAfter())) {
                reason = "expired";
            } else if (expect.inResponseTo() == null || !expect.inResponseTo().equals(data.getInResponseTo())) {
                reason = "in_response_to_mismatch";
            } else {
                return data;
            }
        }
        throw refuse(reason, "No valid bearer SubjectConfirmation (" + reason + ")");
    }

    private static UpstreamLoginException refuse(String reason, String message) {
        return new UpstreamLoginException("saml_" + reason, message);
    }
}
