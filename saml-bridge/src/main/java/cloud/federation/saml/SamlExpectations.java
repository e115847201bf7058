package cloud.federation.saml;

import org.opensaml.security.x509.BasicX509Credential;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a response must match: our ACS and entity id, the IdP's entity id and metadata certificates (never one from
 * the message's KeyInfo), the AuthnRequest it answers, and the clock.
 *
 * @param requireSignedAssertion when false a signed Response suffices; when true the Assertion itself must be signed
 * @param requireSignedResponse  when true the Response must be signed (whatever the Assertion carries)
 * @param decryption             our SP key for encrypted assertions (null: encrypted assertions are refused)
 */
public record SamlExpectations(String acsUrl, String spEntityId, String idpEntityId, List<X509Certificate> idpCertificates,
                               String inResponseTo, Instant now, Duration skew, boolean allowSha1,
                               boolean requireSignedAssertion, boolean requireSignedResponse,
                               BasicX509Credential decryption) {
}
