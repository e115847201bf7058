package cloud.federation.realm.bootstrap;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.model.AdminUserEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.model.SigningKeyEntity;
import cloud.federation.realm.secrets.PasswordHasher;
import cloud.federation.realm.secrets.RandomSecrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.PrintStream;
import java.time.Instant;
import java.util.UUID;

/**
 * First start: creates the master realm with its keys and, while no admin exists, the bootstrap admin (like
 * Keycloak's {@code KC_BOOTSTRAP_ADMIN_*}). A generated password is printed once to the console, not to the log.
 */
@ApplicationScoped
public class MasterRealmBootstrap {

    private static final Logger LOG = Logger.getLogger(MasterRealmBootstrap.class);

    @Inject
    FederationConfig config;
    @Inject
    RealmKeys keys;
    @Inject
    PasswordHasher hasher;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::ensureMasterRealm);
        QuarkusTransaction.requiringNew().run(() -> ensureAdmin(System.out));
    }

    void ensureMasterRealm() {
        if (RealmEntity.findByName(RealmEntity.MASTER).isPresent()) {
            return;
        }
        RealmEntity master = new RealmEntity();
        master.id = UUID.randomUUID().toString();
        master.name = RealmEntity.MASTER;
        master.displayName = "Federation administration";
        master.enabled = true;
        master.createdAt = Instant.now();
        master.persist();
        keys.add(master, KeyMaterial.RS256, SigningKeyEntity.Status.ACTIVE);
        keys.add(master, KeyMaterial.ES256, SigningKeyEntity.Status.ACTIVE);
        LOG.info("Created the master realm");
    }

    void ensureAdmin(PrintStream console) {
        if (AdminUserEntity.count() > 0) {
            return;
        }
        String username = config.bootstrapAdmin().username();
        boolean generated = config.bootstrapAdmin().password().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? RandomSecrets.urlSafe(18) : config.bootstrapAdmin().password().get();
        AdminUserEntity admin = new AdminUserEntity();
        admin.id = UUID.randomUUID().toString();
        admin.username = username;
        admin.passwordHash = hasher.hash(password);
        admin.enabled = true;
        admin.createdAt = Instant.now();
        admin.persist();
        LOG.infof("Created the bootstrap admin user of the master realm (%s)",
                generated ? "generated password printed on the console" : "password from configuration");
        if (generated) {
            console.println();
            console.println("==========================================================================");
            console.println(" Bootstrap admin created: username '" + username + "', password: " + password);
            console.println(" This is shown once. Sign in and change it, or set");
            console.println(" FEDERATION_BOOTSTRAP_ADMIN_USERNAME / FEDERATION_BOOTSTRAP_ADMIN_PASSWORD.");
            console.println("==========================================================================");
            console.println();
            console.flush();
        }
    }
}
