package cloud.federation.server.console.session;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.secrets.GeneratedSecretDigest;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.AdminAuthorizationCodes;
import cloud.federation.realm.token.PkceVerifier;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's server-side sessions. The cookie carries 256 random bits; the database holds their hash, so a leaked
 * table row cannot be replayed as a cookie. Signing in replaces the pre-sign-in session with a new id (no fixation).
 */
@ApplicationScoped
public class ConsoleSessions {

    static final java.time.Duration TOUCH_GRANULARITY = java.time.Duration.ofMinutes(1);

    @Inject
    FederationConfig config;
    @Inject
    AdminAuthorizationCodes codes;

    /** A sign-in about to start: the cookie to set and what the authorization request carries. */
    public record PendingSignIn(String cookieValue, String state, String codeChallenge) {
    }

    /** A completed sign-in: the new session's cookie value and who signed in. */
    public record SignedIn(String cookieValue, String userId, String username, String managedRealm) {
    }

    public SessionLifetime lifetime() {
        return new SessionLifetime(config.console().idleTimeout(), config.console().maxLifetime());
    }

    /**
     * The sign-in to send this browser to: the one its cookie already started (a second tab, a reload), else a new
     * one, so repeated page loads neither pile up rows nor break each other's sign-in.
     */
    @Transactional
    public PendingSignIn startSignIn(String cookieValue) {
        Optional<ConsoleSessionEntity> pending = find(cookieValue).filter(s -> s.adminUserId == null);
        if (pending.isPresent()) {
            return new PendingSignIn(cookieValue, pending.get().loginState, PkceVerifier.challenge(pending.get().codeVerifier));
        }
        return startSignIn();
    }

    @Transactional
    public PendingSignIn startSignIn() {
        String cookie = newSecret();
        String verifier = newSecret();
        ConsoleSessionEntity session = new ConsoleSessionEntity();
        session.idHash = GeneratedSecretDigest.digest(cookie);
        session.csrfToken = newSecret();
        session.loginState = newSecret();
        session.codeVerifier = verifier;
        session.createdAt = Instant.now();
        session.lastSeenAt = session.createdAt;
        session.persist();
        return new PendingSignIn(cookie, session.loginState, PkceVerifier.challenge(verifier));
    }

    /**
     * Redeems the code of the sign-in this cookie started; answers the new session's cookie value. Empty when the
     * cookie has no sign-in in progress, the state differs, or the code does not redeem.
     */
    @Transactional
    public Optional<SignedIn> completeSignIn(String cookieValue, String state, String code, String redirectUri) {
        ConsoleSessionEntity pending = find(cookieValue).filter(s -> s.adminUserId == null).orElse(null);
        if (pending == null || state == null || code == null || !sameText(pending.loginState, state)) {
            if (code != null) {
                // A code that arrived in the wrong browser is burnt, not left valid for whoever else holds it.
                codes.redeem(code, AdminAuthorizationCodes.CONSOLE_CLIENT, redirectUri, "");
            }
            return Optional.empty();
        }
        pending.delete();
        Optional<AdminUserEntity> admin = codes.redeem(code, AdminAuthorizationCodes.CONSOLE_CLIENT, redirectUri,
                pending.codeVerifier);
        if (admin.isEmpty()) {
            return Optional.empty();
        }
        String cookie = newSecret();
        ConsoleSessionEntity session = new ConsoleSessionEntity();
        session.idHash = GeneratedSecretDigest.digest(cookie);
        session.adminUserId = admin.get().id;
        session.credentialStamp = credentialStamp(admin.get());
        session.csrfToken = newSecret();
        session.createdAt = Instant.now();
        session.signedInAt = session.createdAt;
        session.lastSeenAt = session.createdAt;
        session.persist();
        return Optional.of(new SignedIn(cookie, admin.get().id, admin.get().username, admin.get().managedRealm));
    }

    /** The live session of this cookie, pending or signed in; ended sessions are removed on sight. */
    @Transactional
    public Optional<ConsoleSessionEntity> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        ConsoleSessionEntity session = ConsoleSessionEntity.findById(GeneratedSecretDigest.digest(cookieValue));
        if (session == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (!lifetime().alive(session, now)) {
            session.delete();
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * Marks a request on the session; the idle timeout counts from here. At most once a minute: a page's requests
     * need not each write a row, and a minute is nothing against a 30-minute idle timeout.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(ConsoleSessionEntity session) {
        Instant now = Instant.now();
        if (session.lastSeenAt.isBefore(now.minus(TOUCH_GRANULARITY))) {
            session.lastSeenAt = now;
        }
    }

    @Transactional
    public void end(String cookieValue) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            ConsoleSessionEntity.deleteById(GeneratedSecretDigest.digest(cookieValue));
        }
    }

    /** Ended sessions nobody came back to. */
    @Scheduled(every = "10m", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = Instant.now();
        ConsoleSessionEntity.delete("(adminUserId is null and createdAt < ?1) or lastSeenAt < ?2 or signedInAt < ?3",
                now.minus(SessionLifetime.SIGN_IN_WINDOW), now.minus(config.console().idleTimeout()),
                now.minus(config.console().maxLifetime()));
    }

    /** Changes whenever the admin's password does; the hash itself never leaves the admin_user table. */
    public static String credentialStamp(AdminUserEntity admin) {
        return GeneratedSecretDigest.digest(admin.passwordHash);
    }

    public static boolean sameText(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String newSecret() {
        return RandomSecrets.urlSafe(GeneratedSecretDigest.SECRET_BYTES);
    }
}
