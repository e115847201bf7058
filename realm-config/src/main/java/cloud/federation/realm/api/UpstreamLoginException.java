package cloud.federation.realm.api;

/**
 * A refused upstream login. {@code reason} is a stable machine-readable code (e.g. {@code id_token_issuer_mismatch})
 * that tests and the audit log use; {@code oauthError} is what the suite receives ({@code access_denied} unless the
 * upstream sent its own OAuth error).
 */
public class UpstreamLoginException extends Exception {

    private final String reason;
    private final String oauthError;

    public UpstreamLoginException(String reason, String message) {
        this(reason, "access_denied", message);
    }

    public UpstreamLoginException(String reason, String oauthError, String message) {
        super(message);
        this.reason = reason;
        this.oauthError = oauthError;
    }

    public String reason() {
        return reason;
    }

    public String oauthError() {
        return oauthError;
    }
}
