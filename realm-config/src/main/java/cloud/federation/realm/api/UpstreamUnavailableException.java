package cloud.federation.realm.api;

/**
 * An upstream login that could not even start (the identity provider's settings are unusable). The connector has
 * logged it under {@code reference}; whoever answers the browser shows that reference on a page in the user's
 * language.
 */
public class UpstreamUnavailableException extends RuntimeException {

    private final String reference;

    public UpstreamUnavailableException(String reference) {
        super("Upstream login unavailable, reference " + reference);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
