package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamLoginException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An IdP's error Response: no assertion, a non-success status, its StatusMessage carried to the user's page. */
class StatusMessageTest {

    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    static String errorResponse(String message, String secondLevel) throws Exception {
        Element response = new ResponseFixture().with(f -> f.status = "urn:oasis:names:tc:SAML:2.0:status:Responder").dom();
        Element assertion = (Element) response.getElementsByTagNameNS(SAML, "Assertion").item(0);
        assertion.getParentNode().removeChild(assertion);
        Element status = (Element) response.getElementsByTagNameNS(SAMLP, "Status").item(0);
        if (secondLevel != null) {
            Element code = (Element) status.getElementsByTagNameNS(SAMLP, "StatusCode").item(0);
            Element inner = response.getOwnerDocument().createElementNS(SAMLP, "samlp:StatusCode");
            inner.setAttribute("Value", secondLevel);
            code.appendChild(inner);
        }
        if (message != null) {
            Element text = response.getOwnerDocument().createElementNS(SAMLP, "samlp:StatusMessage");
            text.setTextContent(message);
            status.appendChild(text);
        }
        return ResponseFixture.encode(response);
    }

    static UpstreamLoginException refusal(String encoded) {
        return assertThrows(UpstreamLoginException.class,
                () -> SamlResponseValidator.validate(encoded, ResponseFixture.expectations()));
    }

    @Test
    void statusMessageIsTheIdpMessage() throws Exception {
        UpstreamLoginException e = refusal(errorResponse("Account\u202E locked\n\t <b>now</b>", null));
        assertEquals("status_not_success", e.reason());
        assertTrue(e.idpError());
        assertEquals("Account locked <b>now</b>", e.idpMessage().orElseThrow(), "bidi override and line breaks gone, markup kept as text");
    }

    @Test
    void withoutAMessageTheStatusCodesSpeak() throws Exception {
        UpstreamLoginException e = refusal(errorResponse(null, "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"));
        assertEquals("Responder / AuthnFailed", e.idpMessage().orElseThrow());
    }

    @Test
    void aSuccessWithoutAssertionIsStillRefused() throws Exception {
        Element response = new ResponseFixture().dom();
        Element assertion = (Element) response.getElementsByTagNameNS(SAML, "Assertion").item(0);
        assertion.getParentNode().removeChild(assertion);
        UpstreamLoginException e = refusal(ResponseFixture.encode(response));
        assertEquals("saml_no_assertion", e.reason());
        assertFalse(e.idpError());
    }
}
