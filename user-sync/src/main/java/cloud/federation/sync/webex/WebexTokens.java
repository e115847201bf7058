package cloud.federation.sync.webex;

import cloud.federation.sync.engine.UpstreamException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The bearer token for Webex calls: the configured access token, or a service app's access token obtained with its
 * refresh token and renewed before it expires (or when Webex refuses it). A rotated refresh token is handed to the
 * caller to be stored.
 */
final class WebexTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebexSettings settings;
    private final Consumer<String> rotatedRefreshToken;
    private String refreshToken;
    private String accessToken;
    private Instant expiresAt = Instant.MIN;

    WebexTokens(WebexSettings settings, Consumer<String> rotatedRefreshToken) {
        this.settings = settings;
        this.rotatedRefreshToken = rotatedRefreshToken;
        this.refreshToken = settings.refreshToken();
    }

    String current(WebexApi api) throws UpstreamException {
        if (!settings.serviceApp()) {
            return settings.accessToken();
        }
        if (accessToken == null || Instant.now().isAfter(expiresAt.minusSeconds(60))) {
            refresh(api);
        }
        return accessToken;
    }

    void invalidate() {
        accessToken = null;
    }

    private void refresh(WebexApi api) throws UpstreamException {
        Form form = new Form().param("grant_type", "refresh_token").param("client_id", settings.clientId())
                .param("client_secret", settings.clientSecret()).param("refresh_token", refreshToken);
        try (Response response = api.token(settings.apiBaseUrl() + "/v1/access_token", form)) {
            if (response.getStatus() != 200) {
                throw new UpstreamException("Webex refused to refresh the service app's token (HTTP "
                        + response.getStatus() + ")");
            }
            JsonNode body = JSON.readTree(response.readEntity(String.class));
            String token = body.path("access_token").asText(null);
            if (token == null) {
                throw new UpstreamException("Webex token response without access_token");
            }
            accessToken = token;
            expiresAt = Instant.now().plusSeconds(body.path("expires_in").asLong(3600));
            String rotated = body.path("refresh_token").asText(null);
            if (rotated != null && !rotated.equals(refreshToken)) {
                refreshToken = rotated;
                rotatedRefreshToken.accept(rotated);
            }
        } catch (IOException e) {
            throw new UpstreamException("Webex token response is not JSON");
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw new UpstreamException("Webex token request failed: " + e.getClass().getSimpleName());
        }
    }
}
