package cloud.federation.realm.api;

import java.util.Optional;

/**
 * A refused upstream login. {@code reason} is a stable machine-readable code (e.g. {@code id_token_issuer_mismatch})
 * that tests and the audit log use; {@code oauthError} is what the suite receives ({@code access_denied} unless the
 * upstream sent its own OAuth error). When the identity provider itself answered with an error, {@link #idpMessage()}
 * carries its own words (OIDC {@code error_description}, SAML {@code StatusMessage}) for the user's error page.
 */
public class UpstreamLoginException extends Exception {

    private final String reason;
    private final String oauthError;
    private final boolean idpError;
    private final String idpMessage;

    public UpstreamLoginException(String reason, String message) {
        this(reason, "access_denied", message);
    }

    public UpstreamLoginException(String reason, String oauthError, String message) {
        this(reason, oauthError, message, false, null);
    }

    private UpstreamLoginException(String reason, String oauthError, String message, boolean idpError,
                                   String idpMessage) {
        super(message);
        this.reason = reason;
        this.oauthError = oauthError;
        this.idpError = idpError;
        this.idpMessage = idpMessage;
    }

    /**
     * The identity provider answered with an error of its own. {@code idpMessage} is untrusted text from the IdP (or
     * from whoever posted to our callback): it is cleaned here and must still be escaped wherever it is shown.
     */
    public static UpstreamLoginException fromIdp(String reason, String oauthError, String message, String idpMessage) {
        return new UpstreamLoginException(reason, oauthError, message, true, IdpMessage.clean(idpMessage).orElse(null));
    }

    public String reason() {
        return reason;
    }

    public String oauthError() {
        return oauthError;
    }

    /** True when the identity provider answered with an error rather than our checks refusing its answer. */
    public boolean idpError() {
        return idpError;
    }

    /** The identity provider's own message, cleaned ({@link IdpMessage}); never logged (it may name the user). */
    public Optional<String> idpMessage() {
        return Optional.ofNullable(idpMessage);
    }
}
