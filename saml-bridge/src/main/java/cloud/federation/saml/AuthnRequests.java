package cloud.federation.saml;

import cloud.federation.realm.pages.LoginPages;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.NameIDPolicy;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.SignatureSigningParameters;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureSupport;
import org.opensaml.security.SecurityException;
import org.opensaml.core.xml.io.MarshallingException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Builds our AuthnRequest and encodes it for the HTTP-Redirect (query signature) or HTTP-POST (enveloped) binding. */
public final class AuthnRequests {

    static final String SIG_ALG = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;

    public record Request(String id, String destination, String acsUrl, String spEntityId, String nameIdFormat,
                          boolean forceAuthn, String loginHint) {
    }

    private AuthnRequests() {
    }

    static AuthnRequest build(Request r) {
        AuthnRequest request = SamlXml.build(AuthnRequest.DEFAULT_ELEMENT_NAME);
        request.setID(r.id());
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(Instant.now());
        request.setDestination(r.destination());
        request.setAssertionConsumerServiceURL(r.acsUrl());
        request.setProtocolBinding(SAMLConstants.SAML2_POST_BINDING_URI);
        request.setForceAuthn(r.forceAuthn());
        Issuer issuer = SamlXml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(r.spEntityId());
        request.setIssuer(issuer);
        NameIDPolicy policy = SamlXml.build(NameIDPolicy.DEFAULT_ELEMENT_NAME);
        policy.setAllowCreate(true);
        if (r.nameIdFormat() != null && !r.nameIdFormat().isBlank()) {
            policy.setFormat(r.nameIdFormat());
        }
        request.setNameIDPolicy(policy);
        if (r.loginHint() != null) {
            Subject subject = SamlXml.build(Subject.DEFAULT_ELEMENT_NAME);
            NameID nameId = SamlXml.build(NameID.DEFAULT_ELEMENT_NAME);
            nameId.setValue(r.loginHint());
            nameId.setFormat(NameID.EMAIL);
            subject.setNameID(nameId);
            request.setSubject(subject);
        }
        return request;
    }

    /** HTTP-Redirect: DEFLATE + base64 + signature over the exact query string (SAML bindings §3.4.4.1). */
    public static URI redirect(Request r, BasicX509Credential sp, String relayState) {
        String xml = SamlXml.serialize(build(r));
        String query = "SAMLRequest=" + enc(Base64.getEncoder().encodeToString(deflate(xml)))
                + "&RelayState=" + enc(relayState) + "&SigAlg=" + enc(SIG_ALG);
        try {
            java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
            signer.initSign(sp.getPrivateKey());
            signer.update(query.getBytes(StandardCharsets.UTF_8));
            query += "&Signature=" + enc(Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the AuthnRequest", e);
        }
        String separator = r.destination().contains("?") ? "&" : "?";
        return URI.create(r.destination() + separator + query);
    }

    /** HTTP-POST: an enveloped-signed AuthnRequest in an auto-submitting form (also usable without scripts). */
    public static Response postForm(Request r, BasicX509Credential sp, String relayState) {
        AuthnRequest request = build(r);
        SignatureSigningParameters params = new SignatureSigningParameters();
        params.setSigningCredential(sp);
        params.setSignatureAlgorithm(SIG_ALG);
        params.setSignatureReferenceDigestMethod(SignatureConstants.ALGO_ID_DIGEST_SHA256);
        params.setSignatureCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        try {
            SignatureSupport.signObject(request, params);
        } catch (SecurityException | MarshallingException | SignatureException e) {
            throw new IllegalStateException("cannot sign the AuthnRequest", e);
        }
        String encoded = Base64.getEncoder().encodeToString(SamlXml.serialize(request).getBytes(StandardCharsets.UTF_8));
        String script = "document.forms[0].submit();";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing in…</title></head>"
                + "<body><form method=\"post\" action=\"" + LoginPages.escape(r.destination()) + "\">"
                + "<input type=\"hidden\" name=\"SAMLRequest\" value=\"" + encoded + "\">"
                + "<input type=\"hidden\" name=\"RelayState\" value=\"" + LoginPages.escape(relayState) + "\">"
                + "<noscript><button type=\"submit\">Continue to your identity provider</button></noscript></form>"
                + "<script>" + script + "</script></body></html>";
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'sha256-" + sha256(script)
                        + "'; form-action " + origin(r.destination()) + "; frame-ancestors 'none'")
                .build();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] deflate(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFLATED, true))) {
            deflater.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
