package cloud.federation.server.signon;

import cloud.federation.saml.ResponseFixture;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.LoopbackSamlIdp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SAML attack catalogue through the real HTTP path: our AuthnRequest goes out, a forged or manipulated
 * Response comes back to the assertion consumer. Each case must end with no code for the suite and an audit event.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SamlAttackEndToEndTest {

    static final String IDP_SSO = "https://idp.invalid/sso";

    record Started(SignOnSetup setup, SuiteBrowser browser, String acs, String relayState, String requestId) {
    }

    static Started start() throws Exception {
        String cert = Base64.getEncoder().encodeToString(ResponseFixture.IDP_KEY.getEntityCertificate().getEncoded());
        SignOnSetup setup = SignOnSetup.create("samlx", "{\"alias\":\"corp\",\"providerId\":\"saml\",\"config\":{"
                + "\"singleSignOnServiceUrl\":\"" + IDP_SSO + "\",\"idpEntityId\":\"" + ResponseFixture.IDP + "\","
                + "\"signingCertificate\":\"" + cert + "\",\"postBindingAuthnRequest\":\"false\"}}");
        SuiteBrowser browser = new SuiteBrowser();
        SuiteBrowser.Stop atIdp = browser.open(setup.authorizeUrl("state=s&login_hint=" + SuiteBrowser.enc(setup.user("alice"))),
                IDP_SSO);
        assertTrue(atIdp.atSuite(), "redirected to the IdP with an AuthnRequest");
        Map<String, String> query = atIdp.query();
        assertTrue(query.containsKey("Signature") && query.containsKey("SigAlg"), "AuthnRequest is signed");
        String request = LoopbackSamlIdp.inflate(Base64.getDecoder().decode(query.get("SAMLRequest")));
        Matcher id = Pattern.compile(" ID=\"([^\"]+)\"").matcher(request);
        assertTrue(id.find(), request);
        return new Started(setup, browser, setup.issuer() + "/broker/corp/endpoint", query.get("RelayState"), id.group(1));
    }

    static ResponseFixture valid(Started s) {
        return new ResponseFixture().with(f -> {
            f.destination = s.acs();
            f.recipient = s.acs();
            f.audience = s.setup().issuer();
            f.inResponseTo = s.requestId();
            f.nameId = s.setup().user("alice");
        });
    }

    static SuiteBrowser.Stop post(Started s, String samlResponse) {
        return s.browser().submit(s.acs(), Map.of("SAMLResponse", samlResponse, "RelayState", s.relayState()),
                SignOnSetup.REDIRECT_URI);
    }

    @Test
    void validResponseSignsTheUserIn() throws Exception {
        Started s = start();
        SuiteBrowser.Stop stop = post(s, valid(s).encoded());
        assertTrue(stop.atSuite(), () -> stop.page().body());
        assertTrue(stop.query().containsKey("code"));
        assertEquals("s", stop.query().get("state"));
    }

    interface Manipulation {
        String apply(Started s) throws Exception;
    }

    static Arguments attack(String name, String reason, Manipulation manipulation) {
        return Arguments.of(name, reason, manipulation);
    }

    static Manipulation fixture(Consumer<ResponseFixture> change) {
        return s -> valid(s).with(change).encoded();
    }

    static Stream<Arguments> catalogue() {
        return Stream.of(
                attack("signature removed", "saml_not_signed", fixture(f -> f.signAssertion = false)),
                attack("self-signed certificate in KeyInfo", "saml_signature_invalid", fixture(f -> f.signer = ResponseFixture.ATTACKER)),
                attack("wrong Audience", "saml_audience_mismatch", fixture(f -> f.audience = "https://other-sp.example")),
                attack("wrong Recipient", "saml_recipient_mismatch", fixture(f -> f.recipient = "https://evil.example/acs")),
                attack("wrong Destination", "saml_destination_mismatch", fixture(f -> f.destination = "https://evil.example/acs")),
                attack("wrong InResponseTo", "saml_in_response_to_mismatch", fixture(f -> f.inResponseTo = "_someone-else")),
                attack("expired", "saml_expired", fixture(f -> {
                    f.notBefore = Instant.now().minusSeconds(900);
                    f.notOnOrAfter = Instant.now().minusSeconds(300);
                })),
                attack("SHA-1 signed", "saml_signature_algorithm_not_allowed", fixture(f -> {
                    f.signatureAlgorithm = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
                    f.digestAlgorithm = "http://www.w3.org/2000/09/xmldsig#sha1";
                })),
                attack("second unsigned assertion appended", "saml_wrapped", s -> {
                    Element response = valid(s).dom();
                    Element evil = (Element) response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                            "Assertion").item(0).cloneNode(true);
                    evil.setAttribute("ID", "_evil");
                    response.appendChild(evil);
                    return ResponseFixture.encode(response);
                }),
                attack("value changed after signing", "saml_signature_invalid", s -> {
                    Element response = valid(s).dom();
                    response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0)
                            .setTextContent(s.setup().user("ceo"));
                    return ResponseFixture.encode(response);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void attackEndsWithoutACodeAndWithAnAuditEvent(String name, String reason, Manipulation manipulation) throws Exception {
        Started s = start();
        SuiteBrowser.Stop stop = post(s, manipulation.apply(s));
        assertTrue(stop.atSuite(), () -> name + ": " + stop.page().body());
        assertEquals("access_denied", stop.query().get("error"), name);
        assertNull(stop.query().get("code"), name);
        assertEquals("s", stop.query().get("state"));
        AdminApi.admin().get("/admin/realms/" + s.setup().realm + "/events?type=LOGIN_ERROR").then().statusCode(200)
                .body("[0].error", equalTo(reason)).body("[0].details.identity_provider", equalTo("corp"));
    }

    @Test
    void commentInsideNameIdIsReadWholeAndRefusedByDomainBinding() throws Exception {
        Started s = start();
        Element response = valid(s).with(f -> f.nameId = s.setup().user("victim") + ".evil.test").dom();
        org.w3c.dom.Text text = (org.w3c.dom.Text) response.getElementsByTagNameNS(
                "urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0).getFirstChild();
        org.w3c.dom.Node tail = text.splitText(s.setup().user("victim").length());
        text.getParentNode().insertBefore(response.getOwnerDocument().createComment(""), tail);
        SuiteBrowser.Stop stop = post(s, ResponseFixture.encode(response));
        assertFalse(stop.atSuite(), "no code for the suite");
        assertEquals(403, stop.page().statusCode());
        Response events = AdminApi.admin().get("/admin/realms/" + s.setup().realm + "/events?type=LOGIN_ERROR");
        events.then().body("[0].error", equalTo("email_domain_not_in_realm"))
                .body("[0].details.email_domain", equalTo(s.setup().domain + ".evil.test"));
    }

    @Test
    void aResponseDeliveredToAnotherBrowserIsRefused() throws Exception {
        // Login CSRF: the victim's browser receives a response for a login the attacker started.
        Started s = start();
        SuiteBrowser.Stop stop = new SuiteBrowser().submit(s.acs(),
                Map.of("SAMLResponse", valid(s).encoded(), "RelayState", s.relayState()), SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite(), "no code");
        assertEquals(400, stop.page().statusCode());
        AdminApi.admin().get("/admin/realms/" + s.setup().realm + "/events?type=LOGIN_ERROR").then()
                .body("[0].error", equalTo("browser_binding_mismatch"));
    }

    @Test
    void replayedResponseGetsNoSecondCode() throws Exception {
        Started s = start();
        String response = valid(s).encoded();
        assertTrue(post(s, response).query().containsKey("code"));
        SuiteBrowser.Stop replay = post(s, response);
        assertFalse(replay.atSuite(), "the pending login is gone: no second code");
        assertEquals(400, replay.page().statusCode());
    }

    @Test
    void unsolicitedResponseIsRefused() throws Exception {
        Started s = start();
        SuiteBrowser.Stop stop = s.browser().submit(s.acs(), Map.of("SAMLResponse", valid(s).encoded()),
                SignOnSetup.REDIRECT_URI);
        assertFalse(stop.atSuite());
        assertEquals(400, stop.page().statusCode());
        AdminApi.admin().get("/admin/realms/" + s.setup().realm + "/events?type=LOGIN_ERROR").then()
                .body("[0].error", equalTo("unknown_or_expired_state"));
    }

    @Test
    void unsolicitedResponseOnlyRestartsAnSpInitiatedLoginWhenTheIdpOptsIn() throws Exception {
        Started s = start();
        String idps = "/admin/realms/" + s.setup().realm + "/identity-provider/instances/corp";
        Map<String, Object> idp = AdminApi.admin().get(idps).then().extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) idp.get("config");
        config.put("allowIdpInitiated", "true");
        config.put("idpInitiatedClientId", s.setup().clientId);
        AdminApi.admin().body(idp).put(idps).then().statusCode(204);

        // The unsolicited response (even a validly signed one) is not used: the browser is sent back to the IdP.
        SuiteBrowser.Stop restarted = s.browser().submit(s.acs(), Map.of("SAMLResponse", valid(s).encoded()), IDP_SSO);
        assertTrue(restarted.atSuite(), "a fresh AuthnRequest to the same IdP");
        Map<String, String> query = restarted.query();
        String request = LoopbackSamlIdp.inflate(Base64.getDecoder().decode(query.get("SAMLRequest")));
        Matcher id = Pattern.compile(" ID=\"([^\"]+)\"").matcher(request);
        assertTrue(id.find());
        Started fresh = new Started(s.setup(), s.browser(), s.acs(), query.get("RelayState"), id.group(1));
        SuiteBrowser.Stop done = post(fresh, valid(fresh).encoded());
        assertTrue(done.atSuite(), () -> done.page().body());
        assertTrue(done.query().containsKey("code"), "the answer to our own request signs the user in");
    }

    static java.security.cert.X509Certificate spCertificate(Started s) throws Exception {
        String xml = io.restassured.RestAssured.get("/realms/" + s.setup().realm + "/broker/corp/endpoint/descriptor").asString();
        Matcher cert = Pattern.compile("X509Certificate>([^<]+)<").matcher(xml);
        assertTrue(cert.find(), xml);
        return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Base64.getMimeDecoder().decode(cert.group(1))));
    }

    @Test
    void redirectBindingSignatureVerifiesWithTheCertificateInOurMetadata() throws Exception {
        Started s = start();
        SuiteBrowser.Stop atIdp = new SuiteBrowser().open(s.setup().authorizeUrl("state=x&login_hint="
                + SuiteBrowser.enc(s.setup().user("alice"))), IDP_SSO);
        String raw = atIdp.location().getRawQuery();
        String signed = raw.substring(0, raw.indexOf("&Signature="));
        byte[] signature = Base64.getDecoder().decode(java.net.URLDecoder.decode(
                raw.substring(raw.indexOf("&Signature=") + "&Signature=".length()), StandardCharsets.UTF_8));
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(spCertificate(s).getPublicKey());
        verifier.update(signed.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(signature), "RSA-SHA256 over the exact query string");
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", atIdp.query().get("SigAlg"));
    }

    @Test
    void postBindingAuthnRequestCarriesAnEnvelopedSignature() throws Exception {
        Started s = start();
        String idp = "/admin/realms/" + s.setup().realm + "/identity-provider/instances/corp";
        Map<String, Object> rep = AdminApi.admin().get(idp).then().extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) rep.get("config");
        config.put("postBindingAuthnRequest", "true");
        config.put("forceAuthn", "true");
        config.put("loginHint", "true");
        AdminApi.admin().body(rep).put(idp).then().statusCode(204);
        SuiteBrowser.Stop form = new SuiteBrowser().open(s.setup().authorizeUrl("login_hint="
                + SuiteBrowser.enc(s.setup().user("alice"))), IDP_SSO);
        assertFalse(form.atSuite());
        assertEquals(200, form.page().statusCode());
        String html = form.page().body();
        assertTrue(html.contains("action=\"" + IDP_SSO + "\""), html);
        Matcher value = Pattern.compile("name=\"SAMLRequest\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(value.find(), html);
        String xml = new String(Base64.getDecoder().decode(value.group(1)), StandardCharsets.UTF_8);
        assertTrue(xml.contains("ForceAuthn=\"true\""), xml);
        assertTrue(xml.contains(s.setup().user("alice")), "login hint as Subject/NameID");
        org.w3c.dom.Element root = cloud.federation.realm.idp.importer.SamlMetadataImporter.parserPool()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        org.opensaml.saml.saml2.core.AuthnRequest request = (org.opensaml.saml.saml2.core.AuthnRequest)
                org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                        .getUnmarshaller(root).unmarshall(root);
        new org.opensaml.saml.security.impl.SAMLSignatureProfileValidator().validate(request.getSignature());
        org.opensaml.xmlsec.signature.support.SignatureValidator.validate(request.getSignature(),
                new org.opensaml.security.x509.BasicX509Credential(spCertificate(s)));
    }

    @Test
    void spMetadataDescribesUs() {
        try {
            Started s = start();
            String xml = io.restassured.RestAssured.get("/realms/" + s.setup().realm + "/broker/corp/endpoint/descriptor")
                    .then().statusCode(200).contentType("application/samlmetadata+xml").extract().asString();
            assertTrue(xml.contains("entityID=\"" + s.setup().issuer() + "\""), xml);
            assertTrue(xml.contains("Location=\"" + s.acs() + "\""), xml);
            assertTrue(xml.contains("use=\"signing\"") && xml.contains("use=\"encryption\""), xml);
            assertTrue(xml.contains("AuthnRequestsSigned=\"true\""), xml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


}
