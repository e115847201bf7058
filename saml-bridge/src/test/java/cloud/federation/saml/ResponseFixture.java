package cloud.federation.saml;

import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.SignatureSigningParameters;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureSupport;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds a valid IdP response (every value as our validator expects it), signed the way a test asks, so each
 * attack case is "the valid response plus exactly one manipulation".
 */
public final class ResponseFixture {

    public static final String ACS = "https://fed.example/realms/contoso/broker/entra/endpoint";
    public static final String SP = "https://fed.example/realms/contoso";
    public static final String IDP = "https://sts.windows.example/tenant/";
    public static final String REQUEST_ID = "_req-123";
    public static final BasicX509Credential IDP_KEY = credential("idp");
    static final BasicX509Credential SP_KEY = credential("sp");
    public static final BasicX509Credential ATTACKER = credential("attacker");

    public String nameId = "alice@contoso.example";
    public String nameIdFormat = NameID.EMAIL;
    public java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>(java.util.Map.of(
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Alice",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Liddell"));
    public String destination = ACS;
    public String audience = SP;
    public String recipient = ACS;
    public String inResponseTo = REQUEST_ID;
    public String assertionIssuer = IDP;
    public String status = StatusCode.SUCCESS;
    public Instant notBefore = Instant.now().minusSeconds(30);
    public Instant notOnOrAfter = Instant.now().plusSeconds(300);
    public boolean signAssertion = true;
    public boolean signResponse = false;
    public BasicX509Credential signer = IDP_KEY;
    public String signatureAlgorithm = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;
    public String digestAlgorithm = SignatureConstants.ALGO_ID_DIGEST_SHA256;
    public boolean encrypt = false;

    static BasicX509Credential credential(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new BasicX509Credential(SpCertificate.of(name, UUID.randomUUID().toString(), pair, Instant.now()),
                    pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SamlExpectations expectations() {
        return expectations(IDP_KEY, false, false);
    }

    static SamlExpectations expectations(BasicX509Credential trustedIdp, boolean allowSha1, boolean requireSignedAssertion) {
        return expectations(trustedIdp, allowSha1, requireSignedAssertion, false);
    }

    static SamlExpectations expectations(BasicX509Credential trustedIdp, boolean allowSha1, boolean requireSignedAssertion,
                                         boolean requireSignedResponse) {
        return new SamlExpectations(ACS, SP, IDP, java.util.List.of(trustedIdp.getEntityCertificate()), REQUEST_ID,
                Instant.now(), Duration.ofSeconds(60), allowSha1, requireSignedAssertion, requireSignedResponse, SP_KEY);
    }

    public ResponseFixture with(Consumer<ResponseFixture> change) {
        change.accept(this);
        return this;
    }

    /** The response as a DOM element, ready for a manipulation. */
    public Element dom() throws Exception {
        SamlXml.init();
        Response response = build(Response.DEFAULT_ELEMENT_NAME);
        response.setID("_resp-" + UUID.randomUUID());
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(Instant.now());
        response.setDestination(destination);
        response.setInResponseTo(inResponseTo);
        response.setIssuer(issuer(IDP));
        Status st = build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(status);
        st.setStatusCode(code);
        response.setStatus(st);
        Assertion assertion = assertion();
        if (signAssertion) {
            sign(assertion);
        }
        if (encrypt) {
            DataEncryptionParameters data = new DataEncryptionParameters();
            data.setAlgorithm(EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256_GCM);
            KeyEncryptionParameters key = new KeyEncryptionParameters();
            key.setEncryptionCredential(new BasicX509Credential(SP_KEY.getEntityCertificate()));
            key.setAlgorithm(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP);
            Encrypter encrypter = new Encrypter(data, key);
            encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
            EncryptedAssertion encrypted = encrypter.encrypt(assertion);
            response.getEncryptedAssertions().add(encrypted);
        } else {
            response.getAssertions().add(assertion);
        }
        if (signResponse) {
            sign(response);
        }
        return XMLObjectSupport.marshall(response);
    }

    public String encoded() throws Exception {
        return encode(dom());
    }

    public static String encode(Element dom) {
        return Base64.getEncoder().encodeToString(SerializeSupport.nodeToString(dom).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private Assertion assertion() {
        Assertion a = build(Assertion.DEFAULT_ELEMENT_NAME);
        a.setID("_assert-" + UUID.randomUUID());
        a.setVersion(SAMLVersion.VERSION_20);
        a.setIssueInstant(Instant.now());
        a.setIssuer(issuer(assertionIssuer));
        Subject subject = build(Subject.DEFAULT_ELEMENT_NAME);
        NameID id = build(NameID.DEFAULT_ELEMENT_NAME);
        id.setFormat(nameIdFormat);
        id.setValue(nameId);
        subject.setNameID(id);
        SubjectConfirmation confirmation = build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(SubjectConfirmation.METHOD_BEARER);
        SubjectConfirmationData data = build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        data.setRecipient(recipient);
        data.setInResponseTo(inResponseTo);
        data.setNotOnOrAfter(notOnOrAfter);
        confirmation.setSubjectConfirmationData(data);
        subject.getSubjectConfirmations().add(confirmation);
        a.setSubject(subject);
        Conditions conditions = build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(notBefore);
        conditions.setNotOnOrAfter(notOnOrAfter);
        AudienceRestriction restriction = build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        Audience aud = build(Audience.DEFAULT_ELEMENT_NAME);
        aud.setURI(audience);
        restriction.getAudiences().add(aud);
        conditions.getAudienceRestrictions().add(restriction);
        a.setConditions(conditions);
        AuthnStatement authn = build(AuthnStatement.DEFAULT_ELEMENT_NAME);
        authn.setAuthnInstant(Instant.now());
        AuthnContext context = build(AuthnContext.DEFAULT_ELEMENT_NAME);
        AuthnContextClassRef ref = build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
        ref.setURI("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
        context.setAuthnContextClassRef(ref);
        authn.setAuthnContext(context);
        a.getAuthnStatements().add(authn);
        AttributeStatement attributes = build(AttributeStatement.DEFAULT_ELEMENT_NAME);
        this.attributes.forEach((name, value) -> attributes.getAttributes().add(attribute(name, value)));
        a.getAttributeStatements().add(attributes);
        return a;
    }

    private static Attribute attribute(String name, String value) {
        Attribute attribute = build(Attribute.DEFAULT_ELEMENT_NAME);
        attribute.setName(name);
        XSString v = (XSString) XMLObjectSupport.getBuilder(XSString.TYPE_NAME)
                .buildObject(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
        v.setValue(value);
        attribute.getAttributeValues().add(v);
        return attribute;
    }

    private static Issuer issuer(String value) {
        Issuer issuer = build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(value);
        return issuer;
    }

    private void sign(org.opensaml.saml.common.SignableSAMLObject object) throws Exception {
        SignatureSigningParameters params = new SignatureSigningParameters();
        params.setSigningCredential(signer);
        params.setSignatureAlgorithm(signatureAlgorithm);
        params.setSignatureReferenceDigestMethod(digestAlgorithm);
        params.setSignatureCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        params.setKeyInfoGenerator(new org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory() {
            {
                setEmitEntityCertificate(true);
            }
        }.newInstance());
        SignatureSupport.signObject(object, params);
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(javax.xml.namespace.QName name) {
        return (T) XMLObjectSupport.buildXMLObject(name);
    }
}
