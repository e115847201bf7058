package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamCheck;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.secrets.RandomSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.opensaml.security.x509.BasicX509Credential;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SAML 2.0 service provider toward an upstream IdP: AuthnRequest out, Response in (HTTP-POST). */
@ApplicationScoped
public class SamlConnector implements UpstreamConnector {

    @Inject
    SpCredentials credentials;
    @Inject
    AssertionReplayCache replayCache;

    @Override
    public boolean serves(String providerId) {
        return "saml".equals(providerId);
    }

    @Override
    public Response begin(IdentityProviderEntity idp, PendingLoginEntity login, Optional<String> loginHint, URI callback) {
        String requestId = "_" + RandomSecrets.urlSafe(24);
        login.upstreamState = RandomSecrets.urlSafe(32); // RelayState: opaque, bound to this pending login
        login.upstreamNonce = requestId;                  // InResponseTo to expect
        Map<String, String> config = idp.config;
        boolean post = "true".equals(config.get("postBindingAuthnRequest"));
        String ssoUrl = config.getOrDefault(post ? "singleSignOnServiceUrl.HTTP-POST" : "singleSignOnServiceUrl.HTTP-Redirect",
                config.get("singleSignOnServiceUrl"));
        AuthnRequests.Request request = new AuthnRequests.Request(requestId, ssoUrl, callback.toString(), spEntityId(callback),
                config.get("nameIDPolicyFormat"), "true".equals(config.get("forceAuthn")),
                "true".equals(config.get("loginHint")) ? loginHint.orElse(null) : null);
        BasicX509Credential sp = credentials.of(idp.realm);
        return post ? AuthnRequests.postForm(request, sp, login.upstreamState)
                : Response.seeOther(AuthnRequests.redirect(request, sp, login.upstreamState)).header("Cache-Control", "no-store").build();
    }

    @Override
    public Optional<PendingLoginEntity> correlate(MultivaluedMap<String, String> params) {
        String relayState = params.getFirst("RelayState");
        return relayState == null || relayState.isBlank() ? Optional.empty() : PendingLoginEntity.findByUpstreamState(relayState);
    }

    @Override
    public UpstreamIdentity complete(IdentityProviderEntity idp, PendingLoginEntity login,
                                     MultivaluedMap<String, String> params, URI callback) throws UpstreamLoginException {
        Map<String, String> config = idp.config;
        String idpEntityId = config.get("idpEntityId");
        if (idpEntityId == null) {
            throw new UpstreamLoginException("idp_misconfigured", "server_error", "The SAML IdP has no entity id");
        }
        SamlExpectations expect = new SamlExpectations(callback.toString(), spEntityId(callback), idpEntityId,
                certificates(config.get("signingCertificate")), login.upstreamNonce, Instant.now(),
                Duration.ofSeconds(Long.parseLong(config.getOrDefault("allowedClockSkew", "60"))),
                "true".equals(config.get("allowSha1")), "true".equals(config.get("wantAssertionsSigned")),
                "true".equals(config.get("wantResponseSigned")), credentials.of(idp.realm));
        ValidatedAssertion assertion = SamlResponseValidator.validate(params.getFirst("SAMLResponse"), expect);
        if (!replayCache.firstUse(idpEntityId + "|" + assertion.id(), assertion.notOnOrAfter())) {
            throw new UpstreamLoginException("saml_replayed", "This assertion was already used");
        }
        return SamlIdentityMapping.identity(assertion, config);
    }

    /**
     * The order of {@link SamlResponseValidator}'s pipeline, then replay and mapping: each step's reasons, as an
     * admin's test sign-in reports them. A reason raised by two steps belongs to the first, so a late refusal never
     * makes a step look passed that had not run.
     */
    private static final List<UpstreamCheck> CHECKS = List.of(
            UpstreamCheck.of("Identity provider settings (entity id, signing certificates)", "idp_misconfigured"),
            UpstreamCheck.of("SAML message form (one Response, one assertion, no signature wrapping)", "saml_malformed",
                    "saml_wrapped"),
            UpstreamCheck.of("Destination is our assertion consumer service", "saml_destination_mismatch"),
            UpstreamCheck.of("Identity provider answered Success", "status_not_success"),
            UpstreamCheck.of("An assertion is present", "saml_no_assertion"),
            UpstreamCheck.of("Response issuer is the identity provider", "saml_response_issuer_mismatch"),
            UpstreamCheck.of("InResponseTo answers our AuthnRequest", "saml_in_response_to_mismatch"),
            UpstreamCheck.of("Decryption (when the assertion is encrypted)", "saml_encryption_not_configured",
                    "saml_encrypted_key_not_inline", "saml_encryption_algorithm_not_allowed", "saml_decryption_failed"),
            UpstreamCheck.of("Signature (response or assertion) with the identity provider's certificate, allowed algorithms",
                    "saml_signature_profile_invalid", "saml_signature_algorithm_not_allowed", "saml_signature_invalid",
                    "saml_response_not_signed", "saml_assertion_not_signed", "saml_not_signed"),
            UpstreamCheck.of("Assertion issuer is the identity provider", "saml_assertion_issuer_mismatch"),
            UpstreamCheck.of("Time window (NotBefore, NotOnOrAfter, allowed clock skew)", "saml_conditions_missing",
                    "saml_not_yet_valid", "saml_expired"),
            UpstreamCheck.of("Audience is our entity id", "saml_audience_mismatch"),
            UpstreamCheck.of("Subject and bearer confirmation (Recipient, InResponseTo, expiry)", "saml_subject_missing",
                    "saml_recipient_mismatch", "saml_bearer_confirmation_missing"),
            UpstreamCheck.of("Replay (assertion not used before)", "saml_replayed"));

    @Override
    public List<UpstreamCheck> checks() {
        return CHECKS;
    }

    /** Our SP entity id is the realm's issuer URL (the callback is {@code <issuer>/broker/<alias>/endpoint}). */
    static String spEntityId(URI callback) {
        String url = callback.toString();
        return url.substring(0, url.indexOf("/broker/"));
    }

    static List<X509Certificate> certificates(String commaSeparated) throws UpstreamLoginException {
        List<X509Certificate> out = new ArrayList<>();
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new UpstreamLoginException("idp_misconfigured", "server_error", "The SAML IdP has no signing certificate");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String b64 : commaSeparated.split(",")) {
                out.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64.trim()))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new UpstreamLoginException("idp_misconfigured", "server_error", "A signing certificate does not parse");
        }
        return out;
    }
}
