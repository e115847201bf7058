package cloud.federation.realm.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;

/** The connector that speaks an identity provider's protocol, among those the modules on the classpath provide. */
@ApplicationScoped
public class UpstreamConnectors {

    @Inject
    Instance<UpstreamConnector> connectors;

    public Optional<UpstreamConnector> serving(String providerId) {
        return connectors.stream().filter(c -> c.serves(providerId)).findFirst();
    }
}
