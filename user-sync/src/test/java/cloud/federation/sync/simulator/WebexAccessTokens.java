package cloud.federation.sync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webex access tokens: a personal (or bot) token, and the tokens service apps get from {@code POST /v1/access_token}
 * with the refresh-token grant.
 */
final class WebexAccessTokens {

    /** The documented lifetimes: 14 days for access tokens, 90 days for refresh tokens (less the second in flight). */
    private static final int ACCESS_TOKEN_SECONDS = 1_209_599;
    private static final int REFRESH_TOKEN_SECONDS = 7_775_999;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record ServiceApp(String clientSecret, String refreshToken) {
    }

    private final String orgUuid;
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final Map<String, ServiceApp> serviceApps = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private String personal;

    WebexAccessTokens(String orgId) {
        this.orgUuid = new String(Base64.getUrlDecoder().decode(orgId), StandardCharsets.UTF_8)
                .substring("ciscospark://us/ORGANIZATION/".length());
        this.personal = mint();
    }

    synchronized String personal() {
        if (!valid.contains(personal)) {
            personal = mint();
        }
        return personal;
    }

    void register(String clientId, String clientSecret, String refreshToken) {
        serviceApps.put(clientId, new ServiceApp(clientSecret, refreshToken));
    }

    synchronized void expireAll() {
        expired.addAll(valid);
        valid.clear();
    }

    boolean isValid(String token) {
        return token != null && valid.contains(token);
    }

    int refreshes() {
        return refreshes.get();
    }

    boolean refreshAllowed(Map<String, List<String>> form) {
        ServiceApp app = serviceApps.get(String.valueOf(QueryString.first(form, "client_id")));
        return app != null && app.clientSecret().equals(QueryString.first(form, "client_secret"))
                && app.refreshToken().equals(QueryString.first(form, "refresh_token"));
    }

    /** {@code POST /v1/access_token} with {@code grant_type=refresh_token}, {@code client_id}, {@code client_secret}. */
    Answer refresh(Map<String, List<String>> form, String trackingId) {
        String grantType = QueryString.first(form, "grant_type");
        if (!"refresh_token".equals(grantType)) {
            return WebexErrors.error(400, "Unsupported grant_type '" + grantType + "'; only refresh_token is served here.",
                    trackingId);
        }
        ServiceApp app = serviceApps.get(String.valueOf(QueryString.first(form, "client_id")));
        if (app == null || !app.clientSecret().equals(QueryString.first(form, "client_secret"))) {
            return WebexErrors.error(401, "Invalid client_id or client_secret.", trackingId);
        }
        if (!app.refreshToken().equals(QueryString.first(form, "refresh_token"))) {
            return WebexErrors.error(400, "Invalid refresh token.", trackingId);
        }
        refreshes.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", mint());
        body.put("expires_in", ACCESS_TOKEN_SECONDS);
        // Webex hands back the same refresh token until that one nears its own expiry.
        body.put("refresh_token", app.refreshToken());
        body.put("refresh_token_expires_in", REFRESH_TOKEN_SECONDS);
        body.put("token_type", "Bearer");
        return WebexErrors.json(body);
    }

    /** Shaped like Webex tokens: an opaque part, a cluster tag, and the organisation's UUID. */
    private String mint() {
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "_P0A1_" + orgUuid;
        valid.add(token);
        return token;
    }
}
