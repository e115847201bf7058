package cloud.federation.server.support;

import cloud.federation.saml.ResponseFixture;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;

/**
 * An auto-approving SAML IdP on loopback: publishes metadata, answers an HTTP-Redirect AuthnRequest with a signed
 * Response (built by {@link ResponseFixture}) in an HTTP-POST form back to the requester's ACS.
 */
public final class LoopbackSamlIdp implements AutoCloseable {

    private final HttpServer server;
    private final String email;
    private volatile Consumer<ResponseFixture> tweak = f -> { };
    private volatile String[] errorStatus; // {second-level status code or null, StatusMessage or null}

    public LoopbackSamlIdp(String email) {
        this.email = email;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metadata", this::metadata);
        server.createContext("/sso", this::sso);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Changes every following Response (e.g. a wrong audience or an untrusted signer), after the normal values. */
    public LoopbackSamlIdp tweakResponses(Consumer<ResponseFixture> change) {
        this.tweak = change;
        return this;
    }

    /**
     * Answers the following AuthnRequests with a Responder error without an assertion, as IdPs do when they refuse:
     * an optional second-level status code and an optional StatusMessage.
     */
    public LoopbackSamlIdp answerWithError(String secondLevelStatus, String statusMessage) {
        this.errorStatus = new String[] {secondLevelStatus, statusMessage};
        return this;
    }

    /** Back to signing users in after {@link #answerWithError}. */
    public LoopbackSamlIdp answerWithoutError() {
        this.errorStatus = null;
        return this;
    }

    public String metadataUrl() {
        return base() + "/metadata";
    }

    public String ssoUrl() {
        return base() + "/sso";
    }

    public String certificate() {
        try {
            return Base64.getEncoder().encodeToString(ResponseFixture.IDP_KEY.getEntityCertificate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void metadata(HttpExchange ex) throws IOException {
        respond(ex, "application/samlmetadata+xml", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + ResponseFixture.IDP + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate()
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + ssoUrl() + "\"/></md:IDPSSODescriptor></md:EntityDescriptor>");
    }

    private void sso(HttpExchange ex) throws IOException {
        Map<String, String> q = LoopbackOp.form(ex.getRequestURI().getRawQuery());
        String request = inflate(Base64.getDecoder().decode(q.get("SAMLRequest")));
        String id = find(request, " ID=\"([^\"]+)\"");
        String acs = find(request, "AssertionConsumerServiceURL=\"([^\"]+)\"");
        String issuer = find(request, "Issuer[^>]*>([^<]+)<");
        try {
            ResponseFixture fixture = new ResponseFixture().with(f -> {
                f.destination = acs;
                f.recipient = acs;
                f.audience = issuer;
                f.inResponseTo = id;
                f.nameId = email;
                f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", email);
            }).with(tweak);
            String[] error = errorStatus;
            String response = error == null ? fixture.encoded() : errorResponse(fixture, error[0], error[1]);
            respond(ex, "text/html", "<html><body><form method=\"post\" action=\"" + acs + "\">"
                    + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + response + "\">"
                    + "<input type=\"hidden\" name=\"RelayState\" value=\"" + q.getOrDefault("RelayState", "") + "\">"
                    + "</form></body></html>");
        } catch (Exception e) {
            respond(ex, "text/plain", "error: " + e);
        }
    }

    private static String errorResponse(ResponseFixture fixture, String secondLevel, String message) throws Exception {
        String samlp = "urn:oasis:names:tc:SAML:2.0:protocol";
        org.w3c.dom.Element response = fixture.with(f -> f.status = "urn:oasis:names:tc:SAML:2.0:status:Responder").dom();
        org.w3c.dom.Node assertion = response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        assertion.getParentNode().removeChild(assertion);
        org.w3c.dom.Element status = (org.w3c.dom.Element) response.getElementsByTagNameNS(samlp, "Status").item(0);
        if (secondLevel != null) {
            org.w3c.dom.Element inner = response.getOwnerDocument().createElementNS(samlp, "samlp:StatusCode");
            inner.setAttribute("Value", secondLevel);
            status.getElementsByTagNameNS(samlp, "StatusCode").item(0).appendChild(inner);
        }
        if (message != null) {
            org.w3c.dom.Element text = response.getOwnerDocument().createElementNS(samlp, "samlp:StatusMessage");
            text.setTextContent(message);
            status.appendChild(text);
        }
        return ResponseFixture.encode(response);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not found: " + regex);
        }
        return m.group(1).trim();
    }

    /** Undoes the HTTP-Redirect binding's raw DEFLATE. */
    public static String inflate(byte[] deflated) {
        try {
            Inflater inflater = new Inflater(true);
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad SAMLRequest", e);
        }
    }

    private static void respond(HttpExchange ex, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
