package cloud.federation.sync.graph;

import cloud.federation.sync.http.RetryPolicy;
import cloud.federation.sync.http.TrustedCa;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the official Graph SDK client for one source: client-credentials tokens from the source's authority
 * through azure-identity, and one OkHttp stack (timeouts, the source's trust, our retry rules) for both the token and
 * the Graph calls.
 */
public final class GraphClients {

    private GraphClients() {
    }

    public static GraphServiceClient create(EntraSettings settings, RetryPolicy retry, Duration timeout) {
        TrustedCa trust = TrustedCa.withExtra(settings.trustedCaPem());
        OkHttpClient base = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
                .connectTimeout(timeout).readTimeout(timeout).callTimeout(Duration.ZERO)
                .build();

        TokenCredential credential = new CachedTokenCredential(new ClientSecretCredentialBuilder()
                .authorityHost(settings.authorityHost().toString())
                .tenantId(settings.tenantId())
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                // The authority is the admin's choice (national cloud, simulator); never ask Microsoft's public
                // instance-discovery endpoint about it.
                .disableInstanceDiscovery()
                .httpClient(new OkHttpAsyncHttpClientBuilder(base).build())
                .build());

        List<Interceptor> interceptors = new ArrayList<>();
        for (Interceptor i : GraphClientFactory.createDefaultGraphInterceptors(GraphServiceClient.getGraphClientOptions())) {
            if (!(i instanceof RetryHandler)) {
                interceptors.add(i);
            }
        }
        interceptors.add(new RetryingInterceptor(retry, Clock.systemUTC(), d -> Thread.sleep(d.toMillis())));
        OkHttpClient http = GraphClientFactory.create(interceptors)
                .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
                .connectTimeout(timeout).readTimeout(timeout)
                .build();

        AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(credential,
                new String[]{settings.graphBaseUrl().getHost()}, settings.scope());
        GraphServiceClient client = new GraphServiceClient(auth, http);
        client.getRequestAdapter().setBaseUrl(settings.graphBaseUrl().toString());
        return client;
    }
}
