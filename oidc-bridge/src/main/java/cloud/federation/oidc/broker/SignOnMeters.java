package cloud.federation.oidc.broker;

import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * How brokered sign-ons end, for Prometheus: at our callback, or already at the start when the upstream cannot be
 * reached. Tags are names an admin chose (realm, identity provider alias) and
 * the fixed reason codes of the audit log, never anything a user typed or an identity provider asserted, and
 * only for a realm and provider that exist: a callback to an unknown address is not counted, so nobody can mint
 * series by calling made-up paths.
 */
@ApplicationScoped
public class SignOnMeters {

    static final String LOGINS = "federation.logins";
    static final String REFUSALS = "federation.login.refusals";

    /** OAuth errors that mean we or the upstream failed, rather than the upstream saying no. */
    private static final Set<String> FAILURES = Set.of("server_error", "temporarily_unavailable");

    @Inject
    MeterRegistry registry;

    public void succeeded(RealmEntity realm, IdentityProviderEntity idp) {
        login(realm, idp, "success");
    }

    /** The user was not signed in: the upstream refused, or what it asserted did not pass our checks. */
    public void refused(RealmEntity realm, IdentityProviderEntity idp, String reason) {
        login(realm, idp, "refused");
        refusal(realm, reason);
    }

    public void refusedOrFailed(RealmEntity realm, IdentityProviderEntity idp, UpstreamLoginException e) {
        if (FAILURES.contains(e.oauthError())) {
            failed(realm, idp, e.reason());
        } else {
            refused(realm, idp, e.reason());
        }
    }

    /** The login could not be finished for a reason on our side or the upstream's (unreachable, misconfigured). */
    public void failed(RealmEntity realm, IdentityProviderEntity idp, String reason) {
        login(realm, idp, "error");
        refusal(realm, reason);
    }

    private void login(RealmEntity realm, IdentityProviderEntity idp, String outcome) {
        Counter.builder(LOGINS).description("Brokered sign-ons by outcome")
                .tag("realm", realm.name).tag("idp", idp.alias).tag("protocol", protocol(idp)).tag("outcome", outcome)
                .register(registry).increment();
    }

    private void refusal(RealmEntity realm, String reason) {
        Counter.builder(REFUSALS).description("Brokered sign-ons that did not succeed, by reason code")
                .tag("realm", realm.name).tag("reason", reason).register(registry).increment();
    }

    static String protocol(IdentityProviderEntity idp) {
        return "saml".equals(idp.providerId) ? "saml" : "oidc";
    }
}
