package cloud.federation.sync.run;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.util.UUID;

/** This process, as named in run leases and run records: host name plus a per-start suffix. */
@ApplicationScoped
public class NodeIdentity {

    private final String id;

    public NodeIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        String name = host + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.id = name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    public String id() {
        return id;
    }
}
