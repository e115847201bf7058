package cloud.federation.sync.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a client-credentials token until shortly before it expires. The Graph SDK asks for a token on every request;
 * without this, a custom authority host (national cloud endpoint, proxy, simulator) missed MSAL's cache and a
 * 100,000-user listing cost a thousand token requests.
 */
final class CachedTokenCredential implements TokenCredential {

    private static final Duration EARLY = Duration.ofMinutes(5);

    private final TokenCredential delegate;
    private final Map<List<String>, AccessToken> tokens = new ConcurrentHashMap<>();

    CachedTokenCredential(TokenCredential delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        AccessToken cached = usable(request);
        if (cached != null) {
            return Mono.just(cached);
        }
        return delegate.getToken(request).doOnNext(t -> tokens.put(List.copyOf(request.getScopes()), t));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        AccessToken cached = usable(request);
        if (cached != null) {
            return cached;
        }
        AccessToken fresh = delegate.getTokenSync(request);
        tokens.put(List.copyOf(request.getScopes()), fresh);
        return fresh;
    }

    /** Only plain requests are served from the cache; a claims challenge (CAE) always goes to the authority. */
    private AccessToken usable(TokenRequestContext request) {
        if (request.getClaims() != null) {
            return null;
        }
        AccessToken t = tokens.get(List.copyOf(request.getScopes()));
        return t != null && t.getExpiresAt().isAfter(OffsetDateTime.now().plus(EARLY)) ? t : null;
    }
}
