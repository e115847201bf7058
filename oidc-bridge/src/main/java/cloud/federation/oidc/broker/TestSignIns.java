package cloud.federation.oidc.broker;

import cloud.federation.oidc.provider.SuiteTokens;
import cloud.federation.realm.api.UpstreamCheck;
import cloud.federation.realm.api.UpstreamConnector;
import cloud.federation.realm.api.UpstreamIdentity;
import cloud.federation.realm.api.UpstreamLoginException;
import cloud.federation.realm.login.PendingLoginEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.LoginPages.CheckOutcome;
import cloud.federation.realm.pages.LoginPages.CheckResult;
import cloud.federation.realm.pages.LoginPages.Claim;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finishes an admin's test sign-in: the connector validates the upstream answer and the domain binding runs exactly
 * as for a real sign-in, then it stops — no federated user, no session, no code. What it found becomes a report of
 * checks and of the ID token claims a suite would receive, computed by the code that builds real ID tokens.
 */
@ApplicationScoped
public class TestSignIns {

    /** Checks the broker made before the callback reached the connector; passed whenever a report is made. */
    static final List<UpstreamCheck> BROKER_CHECKS = List.of(
            UpstreamCheck.of("Login state (OAuth state or SAML RelayState) matches this test sign-in"),
            UpstreamCheck.of("Browser binding (the browser that opened the test link)"));
    static final UpstreamCheck DOMAIN_BINDING = UpstreamCheck.of(
            "Domain binding (the email's domain is a verified domain of this realm served by this identity provider)",
            "email_missing", "email_not_verified", "email_domain_invalid", "email_domain_not_in_realm",
            "email_domain_not_served_by_idp");

    @Inject
    BrokeredLogins logins;

    /**
     * @param emailDomain the asserted email's domain for the login event (never the address), or null
     * @param reason      the refusal reason code, or null when every check passed
     */
    public record Outcome(LoginPages.TestSignInReport report, String reason, String emailDomain) {
    }

    public Outcome finish(RealmEntity realm, IdentityProviderEntity idp, UpstreamConnector connector,
                          PendingLoginEntity login, MultivaluedMap<String, String> params, URI callback, String issuer,
                          String reference) {
        List<UpstreamCheck> checks = new ArrayList<>(BROKER_CHECKS);
        checks.addAll(connector.checks());
        checks.add(DOMAIN_BINDING);
        String name = idp.displayName == null || idp.displayName.isBlank() ? idp.alias : idp.displayName;
        UpstreamIdentity identity;
        try {
            identity = connector.complete(idp, login, params, callback);
        } catch (UpstreamLoginException e) {
            return new Outcome(new LoginPages.TestSignInReport(name, results(checks, e.reason()), e.reason(),
                    e.idpMessage().orElse(null), List.of(), reference), e.reason(), null);
        }
        String domain = DomainBinding.domainOf(identity.email());
        Optional<String> refusal = DomainBinding.refusal(realm, idp, identity.email(), identity.emailVerified());
        if (refusal.isPresent()) {
            return new Outcome(new LoginPages.TestSignInReport(name, results(checks, refusal.get()), refusal.get(), null,
                    List.of(), reference), refusal.get(), domain);
        }
        return new Outcome(new LoginPages.TestSignInReport(name, results(checks, null), null, null,
                claims(issuer, SuiteTokens.userClaims(logins.preview(realm, idp, identity))), reference), null, domain);
    }

    /**
     * Every pipeline stops at its first refusal: the steps before the one that raised {@code reason} passed, the
     * ones after it never ran. A reason no step declares fails a step of its own, and then nothing is claimed passed
     * beyond the broker's own checks.
     */
    static List<CheckResult> results(List<UpstreamCheck> checks, String reason) {
        List<CheckResult> out = new ArrayList<>();
        boolean declared = reason == null || checks.stream().anyMatch(c -> c.reasons().contains(reason));
        boolean failed = false;
        for (UpstreamCheck check : checks) {
            CheckOutcome outcome;
            if (failed || (!declared && !BROKER_CHECKS.contains(check))) {
                outcome = CheckOutcome.NOT_RUN;
            } else if (reason != null && check.reasons().contains(reason)) {
                outcome = CheckOutcome.FAILED;
                failed = true;
            } else {
                outcome = CheckOutcome.PASSED;
            }
            out.add(new CheckResult(check.name(), outcome));
            if (!declared && check == BROKER_CHECKS.get(BROKER_CHECKS.size() - 1)) {
                out.add(new CheckResult("Other check (see the reason code)", CheckOutcome.FAILED));
            }
        }
        return out;
    }

    /** {@code iss}, then the user's claims; {@code sub} first, null when it will only be assigned at a real sign-in. */
    static List<Claim> claims(String issuer, JWTClaimsSet user) {
        List<Claim> out = new ArrayList<>();
        out.add(new Claim("iss", issuer));
        out.add(new Claim("sub", user.getSubject()));
        for (Map.Entry<String, Object> claim : user.getClaims().entrySet()) {
            if (!"sub".equals(claim.getKey())) {
                out.add(new Claim(claim.getKey(), text(claim.getValue())));
            }
        }
        return out;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return String.join(" ", values.stream().map(String::valueOf).toList());
        }
        if (value instanceof Date date) {
            return String.valueOf(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }
}
