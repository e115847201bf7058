package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamLoginException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * XML signature wrapping, the eight SAML Raider variants (XSW1–2 on the Response signature, XSW3–8 on the
 * Assertion signature): the signed original survives somewhere in the document, an evil copy sits where a naive
 * reader looks. Each must be refused.
 */
class SignatureWrappingTest {

    static final String SAML = SamlResponseValidator.SAML;
    static final String SAMLP = SamlResponseValidator.SAMLP;
    static final String DSIG = SamlResponseValidator.DSIG;

    interface Wrap {
        Element apply(Element response) throws Exception;
    }

    static Element first(Element root, String ns, String name) {
        return (Element) root.getElementsByTagNameNS(ns, name).item(0);
    }

    static Element evilCopy(Element original) {
        Element evil = (Element) original.cloneNode(true);
        evil.setAttribute("ID", "_evil-" + original.getLocalName());
        Element nameId = first(evil, SAML, "NameID");
        if (nameId != null) {
            nameId.setTextContent("ceo@contoso.example");
        }
        return evil;
    }

    static Element object(Document doc) {
        return doc.createElementNS(DSIG, "ds:Object");
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("XSW1", true, (Wrap) response -> {
                    // Evil response keeps the signature; the original signed response hides in Signature/Object.
                    Element evil = evilCopy(response);
                    Element signature = first(evil, DSIG, "Signature");
                    Element original = (Element) response.cloneNode(true);
                    first(original, DSIG, "Signature").getParentNode().removeChild(first(original, DSIG, "Signature"));
                    Element obj = object(response.getOwnerDocument());
                    obj.appendChild(original);
                    signature.appendChild(obj);
                    return evil;
                }),
                Arguments.of("XSW2", true, (Wrap) response -> {
                    // As XSW1, but the original copy is placed before the signature (detached style).
                    Element evil = evilCopy(response);
                    Element signature = first(evil, DSIG, "Signature");
                    Element original = (Element) response.cloneNode(true);
                    first(original, DSIG, "Signature").getParentNode().removeChild(first(original, DSIG, "Signature"));
                    evil.insertBefore(original, signature);
                    return evil;
                }),
                Arguments.of("XSW3", false, (Wrap) response -> {
                    Element original = first(response, SAML, "Assertion");
                    Element evil = evilCopy(original);
                    evil.removeChild(first(evil, DSIG, "Signature"));
                    response.insertBefore(evil, original);
                    return response;
                }),
                Arguments.of("XSW4", false, (Wrap) response -> {
                    Element original = first(response, SAML, "Assertion");
                    Element evil = evilCopy(original);
                    evil.removeChild(first(evil, DSIG, "Signature"));
                    response.replaceChild(evil, original);
                    evil.appendChild(original);
                    return response;
                }),
                Arguments.of("XSW5", false, (Wrap) response -> {
                    // Evil assertion keeps the original's signature; a clean copy of the original is appended.
                    Element original = first(response, SAML, "Assertion");
                    Element copy = (Element) original.cloneNode(true);
                    copy.removeChild(first(copy, DSIG, "Signature"));
                    first(original, SAML, "NameID").setTextContent("ceo@contoso.example");
                    response.appendChild(copy);
                    return response;
                }),
                Arguments.of("XSW6", false, (Wrap) response -> {
                    Element original = first(response, SAML, "Assertion");
                    Element copy = (Element) original.cloneNode(true);
                    copy.removeChild(first(copy, DSIG, "Signature"));
                    first(original, SAML, "NameID").setTextContent("ceo@contoso.example");
                    Element obj = object(response.getOwnerDocument());
                    obj.appendChild(copy);
                    first(original, DSIG, "Signature").appendChild(obj);
                    return response;
                }),
                Arguments.of("XSW7", false, (Wrap) response -> {
                    Element original = first(response, SAML, "Assertion");
                    Element evil = evilCopy(original);
                    evil.removeChild(first(evil, DSIG, "Signature"));
                    Element extensions = response.getOwnerDocument().createElementNS(SAMLP, "samlp:Extensions");
                    response.replaceChild(evil, original);
                    extensions.appendChild(original);
                    response.insertBefore(extensions, evil);
                    return response;
                }),
                Arguments.of("XSW8", false, (Wrap) response -> {
                    Element original = first(response, SAML, "Assertion");
                    Element evil = evilCopy(original);
                    Element copy = (Element) original.cloneNode(true);
                    copy.removeChild(first(copy, DSIG, "Signature"));
                    Element obj = object(response.getOwnerDocument());
                    obj.appendChild(copy);
                    first(evil, DSIG, "Signature").appendChild(obj);
                    response.replaceChild(evil, original);
                    return response;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void refused(String name, boolean responseSigned, Wrap wrap) throws Exception {
        Element response = new ResponseFixture().with(f -> {
            f.signResponse = responseSigned;
            f.signAssertion = !responseSigned;
        }).dom();
        Element attacked = wrap.apply(response);
        if (attacked != response) {
            response.getOwnerDocument().replaceChild(attacked, response);
        }
        UpstreamLoginException e = assertThrows(UpstreamLoginException.class,
                () -> SamlResponseValidator.validate(ResponseFixture.encode(attacked), ResponseFixture.expectations()), name);
        // Refused for the document's shape (a second copy of what is signed), before any value is read.
        assertEquals("saml_wrapped", e.reason(), name);
    }

    @Test
    void commentInsideDigestValueCannotTruncateIt() throws Exception {
        // A reader that stopped at the comment would see the genuine digest; we read the whole text and it no longer matches.
        Element response = new ResponseFixture().dom();
        Element digest = first(response, DSIG, "DigestValue");
        Node junk = response.getOwnerDocument().createTextNode("AAAA");
        digest.appendChild(response.getOwnerDocument().createComment("x"));
        digest.appendChild(junk);
        String reason = assertThrows(UpstreamLoginException.class,
                () -> SamlResponseValidator.validate(ResponseFixture.encode(response), ResponseFixture.expectations())).reason();
        assertEquals("saml_signature_invalid", reason);
    }
}
