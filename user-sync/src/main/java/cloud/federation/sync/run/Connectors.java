package cloud.federation.sync.run;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.sync.engine.DirectoryConnector;
import cloud.federation.sync.graph.EntraSettings;
import cloud.federation.sync.graph.GraphClients;
import cloud.federation.sync.graph.GraphConnector;
import cloud.federation.sync.http.RetryPolicy;
import cloud.federation.sync.source.DirectorySources;
import cloud.federation.sync.webex.WebexConnector;
import cloud.federation.sync.webex.WebexSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds the connector for a source's kind from its snapshot and the node's retry settings. */
@ApplicationScoped
public class Connectors {

    @Inject
    FederationConfig config;
    @Inject
    DirectorySources sources;

    DirectoryConnector create(SourceSnapshot source) {
        FederationConfig.Sync sync = config.sync();
        if (source.kind() == DirectorySourceEntity.Kind.entra) {
            EntraSettings settings = EntraSettings.from(source.config(), source.secrets());
            RetryPolicy retry = new RetryPolicy(RetryPolicy.GRAPH_STATUSES, sync.maxAttempts(), sync.retryBackoff(),
                    sync.maxRetryWait());
            return new GraphConnector(GraphClients.create(settings, retry, sync.requestTimeout()), source.name());
        }
        WebexSettings settings = WebexSettings.from(source.config(), source.secrets());
        RetryPolicy retry = new RetryPolicy(RetryPolicy.WEBEX_STATUSES, sync.maxAttempts(), sync.retryBackoff(),
                sync.maxRetryWait());
        return new WebexConnector(settings, retry, sync.requestTimeout(), rotated -> QuarkusTransaction.requiringNew()
                .run(() -> sources.replaceSecret(DirectorySourceEntity.findById(source.id()), "refreshToken", rotated)));
    }
}
