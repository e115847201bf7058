package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamLoginException;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.junit.jupiter.api.Test;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SAML attack catalogue as data: each case is the valid response plus exactly one manipulation, and must be
 * refused with its own reason.
 */
class SamlResponseValidatorTest {

    static final String SAML = SamlResponseValidator.SAML;
    static final String SAMLP = SamlResponseValidator.SAMLP;

    static ValidatedAssertion accept(String encoded) throws UpstreamLoginException {
        return SamlResponseValidator.validate(encoded, ResponseFixture.expectations());
    }

    static String refused(String encoded) {
        return assertThrows(UpstreamLoginException.class, () -> accept(encoded)).reason();
    }

    static String refused(String encoded, SamlExpectations expectations) {
        return assertThrows(UpstreamLoginException.class, () -> SamlResponseValidator.validate(encoded, expectations)).reason();
    }

    static Element assertionOf(Element response) {
        return (Element) response.getElementsByTagNameNS(SAML, "Assertion").item(0);
    }

    @Test
    void validSignedAssertionIsAccepted() throws Exception {
        ValidatedAssertion a = accept(new ResponseFixture().encoded());
        assertEquals("alice@contoso.example", a.nameId());
        assertEquals("Alice", a.attributes().get("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname").get(0));
    }

    @Test
    void validSignedResponseWithUnsignedAssertionIsAccepted() throws Exception {
        accept(new ResponseFixture().with(f -> {
            f.signAssertion = false;
            f.signResponse = true;
        }).encoded());
    }

    @Test
    void signedResponseIsNotEnoughWhenAssertionsMustBeSigned() throws Exception {
        SamlExpectations strict = ResponseFixture.expectations(ResponseFixture.IDP_KEY, false, true);
        assertEquals("saml_assertion_not_signed", refused(new ResponseFixture().with(f -> {
            f.signAssertion = false;
            f.signResponse = true;
        }).encoded(), strict));
    }

    @Test
    void signedAssertionIsNotEnoughWhenTheResponseMustBeSigned() throws Exception {
        assertEquals("saml_response_not_signed", refused(new ResponseFixture().encoded(),
                ResponseFixture.expectations(ResponseFixture.IDP_KEY, false, false, true)));
        SamlResponseValidator.validate(new ResponseFixture().with(f -> f.signResponse = true).encoded(),
                ResponseFixture.expectations(ResponseFixture.IDP_KEY, false, false, true));
    }

    @Test
    void encryptedAssertionIsDecryptedWithOurKey() throws Exception {
        assertEquals("alice@contoso.example", accept(new ResponseFixture().with(f -> f.encrypt = true).encoded()).nameId());
    }

    @Test
    void signatureRemoved() throws Exception {
        assertEquals("saml_not_signed", refused(new ResponseFixture().with(f -> f.signAssertion = false).encoded()));
    }

    @Test
    void signatureBySelfSignedCertificateInKeyInfo() throws Exception {
        // The attacker signs with their own key and ships its certificate in KeyInfo: only metadata certs count.
        assertEquals("saml_signature_invalid", refused(new ResponseFixture().with(f -> f.signer = ResponseFixture.ATTACKER).encoded()));
    }

    @Test
    void valueChangedAfterSigning() throws Exception {
        Element response = new ResponseFixture().dom();
        response.getElementsByTagNameNS(SAML, "NameID").item(0).setTextContent("ceo@contoso.example");
        assertEquals("saml_signature_invalid", refused(ResponseFixture.encode(response)));
    }

    @Test
    void secondUnsignedAssertionAppended() throws Exception {
        // CVE-2022-41912 shape: a valid signed assertion followed by an attacker's unsigned one.
        Element response = new ResponseFixture().dom();
        Element evil = (Element) assertionOf(response).cloneNode(true);
        evil.setAttribute("ID", "_evil");
        evil.removeChild(evil.getElementsByTagNameNS(SamlResponseValidator.DSIG, "Signature").item(0));
        evil.getElementsByTagNameNS(SAML, "NameID").item(0).setTextContent("ceo@contoso.example");
        response.appendChild(evil);
        assertEquals("saml_wrapped", refused(ResponseFixture.encode(response)));
    }

    @Test
    void signatureWrappingWithTheSignedAssertionHiddenInExtensions() throws Exception {
        // XSW family: the signed original moves somewhere the signature still finds it, an evil copy takes its place.
        Element response = new ResponseFixture().dom();
        Element original = assertionOf(response);
        Element evil = (Element) original.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        evil.getElementsByTagNameNS(SAML, "NameID").item(0).setTextContent("ceo@contoso.example");
        Element extensions = response.getOwnerDocument().createElementNS(SAMLP, "samlp:Extensions");
        response.insertBefore(extensions, response.getFirstChild().getNextSibling());
        response.replaceChild(evil, original);
        extensions.appendChild(original);
        assertEquals("saml_wrapped", refused(ResponseFixture.encode(response)));
    }

    @Test
    void signatureWrappingWithDuplicatedIds() throws Exception {
        Element response = new ResponseFixture().dom();
        Element original = assertionOf(response);
        Element evil = (Element) original.cloneNode(true);
        Element object = response.getOwnerDocument().createElementNS(SamlResponseValidator.DSIG, "ds:Object");
        object.appendChild(evil);
        original.getElementsByTagNameNS(SamlResponseValidator.DSIG, "Signature").item(0).appendChild(object);
        assertEquals("saml_wrapped", refused(ResponseFixture.encode(response)));
    }

    @Test
    void commentInsideNameIdIsReadAsTheWholeString() throws Exception {
        Element response = new ResponseFixture().with(f -> f.nameId = "victim@contoso.example.evil.test").dom();
        Node text = response.getElementsByTagNameNS(SAML, "NameID").item(0).getFirstChild();
        Node tail = ((org.w3c.dom.Text) text).splitText("victim@contoso.example".length());
        text.getParentNode().insertBefore(response.getOwnerDocument().createComment(""), tail);
        // c14n drops the comment, so the signature holds; the value must not stop at the comment.
        assertEquals("victim@contoso.example.evil.test", accept(ResponseFixture.encode(response)).nameId());
    }

    @Test
    void xxeDoctypeIsRefused() throws Exception {
        String xml = SerializeSupport.nodeToString(new ResponseFixture().dom());
        String body = xml.substring(xml.indexOf("<saml2p:Response"));
        assertEquals("saml_malformed", refused(ResponseFixture.encode(
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + body)));
    }

    @Test
    void billionLaughsIsRefused() throws Exception {
        String xml = SerializeSupport.nodeToString(new ResponseFixture().dom());
        String body = xml.substring(xml.indexOf("<saml2p:Response"));
        assertEquals("saml_malformed", refused(ResponseFixture.encode("<?xml version=\"1.0\"?><!DOCTYPE r ["
                + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + body)));
    }

    @Test
    void responseSignedByAnotherIdp() throws Exception {
        SamlExpectations otherIdpTrusted = ResponseFixture.expectations(ResponseFixture.ATTACKER, false, false);
        assertEquals("saml_signature_invalid", refused(new ResponseFixture().encoded(), otherIdpTrusted));
    }

    @Test
    void wrongAudience() throws Exception {
        assertEquals("saml_audience_mismatch", refused(new ResponseFixture().with(f -> f.audience = "https://other.example").encoded()));
    }

    @Test
    void wrongRecipient() throws Exception {
        assertEquals("saml_recipient_mismatch", refused(new ResponseFixture().with(f -> f.recipient = "https://evil.example/acs").encoded()));
    }

    @Test
    void wrongDestination() throws Exception {
        assertEquals("saml_destination_mismatch", refused(new ResponseFixture().with(f -> f.destination = "https://evil.example/acs").encoded()));
    }

    @Test
    void wrongInResponseTo() throws Exception {
        assertEquals("saml_in_response_to_mismatch", refused(new ResponseFixture().with(f -> f.inResponseTo = "_other").encoded()));
    }

    @Test
    void unsolicitedResponseWithoutInResponseTo() throws Exception {
        assertEquals("saml_in_response_to_mismatch", refused(new ResponseFixture().with(f -> f.inResponseTo = null).encoded()));
    }

    @Test
    void expired() throws Exception {
        assertEquals("saml_expired", refused(new ResponseFixture().with(f -> {
            f.notBefore = Instant.now().minusSeconds(900);
            f.notOnOrAfter = Instant.now().minusSeconds(300);
        }).encoded()));
    }

    @Test
    void notYetValid() throws Exception {
        assertEquals("saml_not_yet_valid", refused(new ResponseFixture().with(f -> {
            f.notBefore = Instant.now().plusSeconds(300);
            f.notOnOrAfter = Instant.now().plusSeconds(900);
        }).encoded()));
    }

    @Test
    void sha1SignaturesAreRefusedUnlessAllowed() throws Exception {
        String sha1 = new ResponseFixture().with(f -> {
            f.signatureAlgorithm = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA1;
            f.digestAlgorithm = SignatureConstants.ALGO_ID_DIGEST_SHA1;
        }).encoded();
        assertEquals("saml_signature_algorithm_not_allowed", refused(sha1));
        SamlExpectations legacy = ResponseFixture.expectations(ResponseFixture.IDP_KEY, true, false);
        SamlResponseValidator.validate(sha1, legacy);
    }

    @Test
    void assertionIssuedBySomeoneElse() throws Exception {
        assertEquals("saml_assertion_issuer_mismatch", refused(new ResponseFixture().with(f -> f.assertionIssuer = "https://evil.example").encoded()));
    }

    @Test
    void statusNotSuccess() throws Exception {
        assertEquals("status_not_success", refused(new ResponseFixture().with(f ->
                f.status = "urn:oasis:names:tc:SAML:2.0:status:Requester").encoded()));
    }

    @Test
    void encryptedAssertionWithRetrievalMethodIsRefusedBeforeDecryption() throws Exception {
        Element response = new ResponseFixture().with(f -> f.encrypt = true).dom();
        Element encryptedData = (Element) response.getElementsByTagNameNS(SamlResponseValidator.XENC, "EncryptedData").item(0);
        Element keyInfo = (Element) encryptedData.getElementsByTagNameNS(SamlResponseValidator.DSIG, "KeyInfo").item(0);
        Element retrieval = response.getOwnerDocument().createElementNS(SamlResponseValidator.DSIG, "ds:RetrievalMethod");
        retrieval.setAttribute("URI", "#_somewhere");
        retrieval.setAttribute("Type", "http://www.w3.org/2001/04/xmlenc#EncryptedKey");
        keyInfo.appendChild(retrieval);
        assertEquals("saml_encrypted_key_not_inline", refused(ResponseFixture.encode(response)));
    }

    @Test
    void twoReferenceElementsAreRefusedByTheProfile() throws Exception {
        Element response = new ResponseFixture().dom();
        Element signedInfo = (Element) response.getElementsByTagNameNS(SamlResponseValidator.DSIG, "SignedInfo").item(0);
        Element reference = (Element) signedInfo.getElementsByTagNameNS(SamlResponseValidator.DSIG, "Reference").item(0);
        signedInfo.appendChild(reference.cloneNode(true));
        assertEquals("saml_signature_profile_invalid", refused(ResponseFixture.encode(response)));
    }

    @Test
    void notBase64OrNotAResponse() {
        assertEquals("saml_malformed", refused("%%%"));
        assertEquals("saml_malformed", refused(ResponseFixture.encode("<foo/>")));
    }
}
