package cloud.federation.realm.api;

import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One upstream protocol (OpenID Connect, SAML). The server, not the connector, owns the pending login: the
 * connector only records its protocol state on it and reads it back.
 */
public interface UpstreamConnector {

    /** The identity provider {@code providerId} values this connector serves. */
    boolean serves(String providerId);

    /**
     * Starts the upstream login: records state on {@code login} (persisted by the caller's transaction) and answers
     * the browser's next step (a redirect or an auto-submitting form).
     *
     * @throws UpstreamUnavailableException when the provider's settings do not allow a login to start
     */
    Response begin(IdentityProviderEntity idp, PendingLoginEntity login, Optional<String> loginHint, URI callback);

    /** The pending login a callback belongs to, from its protocol-level correlation (OAuth state, RelayState). */
    Optional<PendingLoginEntity> correlate(MultivaluedMap<String, String> callbackParameters);

    /** Validates the callback completely and answers who signed in, or why not. */
    UpstreamIdentity complete(IdentityProviderEntity idp, PendingLoginEntity login,
                              MultivaluedMap<String, String> callbackParameters, URI callback)
            throws UpstreamLoginException;

    /**
     * The checks {@link #complete} performs, in the order it performs them; a test sign-in shows them. Empty when a
     * connector does not describe its pipeline.
     */
    default List<UpstreamCheck> checks() {
        return List.of();
    }
}
