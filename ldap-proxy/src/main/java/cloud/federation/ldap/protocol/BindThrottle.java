package cloud.federation.ldap.protocol;

import cloud.federation.realm.token.LockoutPolicy;
import com.unboundid.ldap.sdk.DN;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: failed binds are counted per (bind DN, client address) and per client address;
 * beyond the free failures each further failure locks that key for a doubling while, during which every bind
 * from it, even with the right password, is answered {@code adminLimitExceeded}. Counts live in this node's
 * memory: a guesser spread over nodes gets the free failures once per node.
 */
public final class BindThrottle {

    /** Above this many tracked keys, stale ones are swept so a scan of many addresses cannot grow the map forever. */
    private static final int SWEEP_ABOVE = 100_000;

    private final LockoutPolicy perAccount;
    private final LockoutPolicy perAddress;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil, Instant last) {
    }

    public BindThrottle(LockoutPolicy perAccount, LockoutPolicy perAddress, Clock clock) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.clock = clock;
    }

    /** How long binds from this key must still wait, if they must. */
    public Optional<Duration> locked(DN bindDn, String address) {
        Instant now = clock.instant();
        Instant until = later(lockOf(accounts.get(account(bindDn, address))), lockOf(addresses.get(address)));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(DN bindDn, String address) {
        Instant now = clock.instant();
        record(accounts, account(bindDn, address), perAccount, now);
        record(addresses, address, perAddress, now);
        if (accounts.size() > SWEEP_ABOVE || addresses.size() > SWEEP_ABOVE) {
            sweep(now);
        }
    }

    /** A right password clears the account's count; the address keeps its count of other failures. */
    public void succeeded(DN bindDn, String address) {
        accounts.remove(account(bindDn, address));
    }

    private void record(Map<String, Failures> map, String key, LockoutPolicy policy, Instant now) {
        map.compute(key, (k, old) -> {
            // Failures older than the longest lock are forgotten: a long-quiet key starts again.
            int count = old == null || old.last.plus(policy.maxDelay()).isBefore(now) ? 1 : old.count + 1;
            return new Failures(count, now.plus(policy.lockAfter(count)), now);
        });
    }

    private void sweep(Instant now) {
        accounts.values().removeIf(f -> f.last.plus(perAccount.maxDelay()).isBefore(now));
        addresses.values().removeIf(f -> f.last.plus(perAddress.maxDelay()).isBefore(now));
    }

    private static String account(DN dn, String address) {
        return dn.toNormalizedString() + '\n' + address;
    }

    private static Instant lockOf(Failures f) {
        return f == null ? null : f.lockedUntil;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
