package cloud.federation.oidc.upstream;

import cloud.federation.realm.api.UpstreamLoginException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream discovery documents (cached, issuer checked) and JWK sets (cached, refetched when a token names a key
 * we do not have, at most every few seconds so unknown {@code kid}s cannot make us hammer the IdP).
 */
@ApplicationScoped
public class ProviderMetadataCache {

    static final Duration DISCOVERY_TTL = Duration.ofHours(1);
    static final int TIMEOUT_MS = 10_000;

    public record Endpoints(URI authorization, URI token, URI userinfo, URI jwks) {
    }

    private record Cached(Endpoints endpoints, Instant fetched) {
    }

    private final Map<String, Cached> discovery = new ConcurrentHashMap<>();
    private final Map<URI, JWKSource<SecurityContext>> jwks = new ConcurrentHashMap<>();

    /** Endpoints from {@code discoveryUrl}, or from the issuer's well-known location when it is null. */
    public Endpoints discover(String issuer, URI discoveryUrl) throws UpstreamLoginException {
        Cached cached = discovery.get(issuer);
        if (cached != null && cached.fetched().plus(DISCOVERY_TTL).isAfter(Instant.now())) {
            return cached.endpoints();
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        OIDCProviderMetadata metadata;
        try {
            URI location = discoveryUrl != null ? discoveryUrl : URI.create(base + "/.well-known/openid-configuration");
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, location);
            request.setConnectTimeout(TIMEOUT_MS);
            request.setReadTimeout(TIMEOUT_MS);
            HTTPResponse response = request.send();
            response.ensureStatusCode(200);
            metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
        } catch (IOException | ParseException e) {
            throw new UpstreamLoginException("discovery_failed", "temporarily_unavailable",
                    "The identity provider's discovery document could not be read");
        }
        if (!issuer.equals(metadata.getIssuer().getValue())) {
            throw new UpstreamLoginException("discovery_issuer_mismatch",
                    "The discovery document's issuer is not the configured issuer");
        }
        Endpoints endpoints = new Endpoints(metadata.getAuthorizationEndpointURI(), metadata.getTokenEndpointURI(),
                metadata.getUserInfoEndpointURI(), metadata.getJWKSetURI());
        discovery.put(issuer, new Cached(endpoints, Instant.now()));
        return endpoints;
    }

    public JWKSource<SecurityContext> keys(URI jwksUri) {
        return jwks.computeIfAbsent(jwksUri, uri -> {
            try {
                return JWKSourceBuilder.<SecurityContext>create(uri.toURL(),
                                new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                        .cache(Duration.ofMinutes(15).toMillis(), TIMEOUT_MS)
                        .rateLimited(2_000)
                        .refreshAheadCache(false)
                        .retrying(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad jwks URI " + uri, e);
            }
        });
    }
}
