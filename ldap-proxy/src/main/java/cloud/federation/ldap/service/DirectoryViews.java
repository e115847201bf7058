package cloud.federation.ldap.service;

import cloud.federation.ldap.protocol.RealmTrees;
import cloud.federation.ldap.protocol.SuiteCredentials;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.realm.api.DirectoryChanged;
import cloud.federation.realm.api.SyncedDirectory;
import cloud.federation.realm.api.SyncedDirectory.SyncedGroup;
import cloud.federation.realm.api.SyncedDirectory.SyncedUser;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the listeners serve, per realm: the tree built from the committed sync state and the suites' LDAP
 * credentials. Rebuilt off the request path on every {@link DirectoryChanged} (sync commits, credential rotation,
 * realm options), then swapped in one step; searches already running finish on the tree they started on.
 */
@ApplicationScoped
public class DirectoryViews {

    private static final Logger LOG = Logger.getLogger(DirectoryViews.class);

    @Inject
    SyncedDirectory synced;

    private final RealmTrees trees = new RealmTrees();
    private final SuiteCredentials credentials = new SuiteCredentials();
    /** realm id → realm name, for the realms published now. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ldap-tree-builder");
        t.setDaemon(true);
        return t;
    });

    /** What one realm serves, read in one transaction (one commit of the sync state). */
    private record Loaded(String realm, boolean enabled, boolean rdnByMail, Map<String, String> digests,
                          Map<String, String> certificates, List<SyncedUser> users, List<SyncedGroup> groups) {

        java.util.Set<String> suites() {
            java.util.Set<String> ids = new java.util.TreeSet<>(digests.keySet());
            ids.addAll(certificates.keySet());
            return ids;
        }
    }

    RealmTrees trees() {
        return trees;
    }

    SuiteCredentials credentials() {
        return credentials;
    }

    /** Builds every realm now, before the listeners open, so suites never see an empty directory. */
    void loadAll() {
        for (String realmId : realmIds()) {
            rebuild(realmId);
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DirectoryChanged event) {
        // Many commits in a row coalesce into one rebuild per realm.
        if (pending.add(event.realmId())) {
            builder.submit(() -> {
                pending.remove(event.realmId());
                rebuild(event.realmId());
            });
        }
    }

    /** Realms deleted elsewhere leave no counter to poll: drop what this node still serves for them. */
    @Scheduled(every = "${federation.ldap.reconcile-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        Set<String> existing = Set.copyOf(realmIds());
        for (String realmId : Set.copyOf(published.keySet())) {
            if (!existing.contains(realmId)) {
                unpublish(realmId);
            }
        }
    }

    private List<String> realmIds() {
        return QuarkusTransaction.requiringNew().call(() ->
                RealmEntity.<RealmEntity>listAll().stream().map(r -> r.id).toList());
    }

    private void rebuild(String realmId) {
        try {
            long started = System.nanoTime();
            Loaded loaded = QuarkusTransaction.requiringNew().call(() -> load(realmId));
            if (loaded == null || !loaded.enabled) {
                unpublish(realmId);
                return;
            }
            long read = System.nanoTime();
            RealmTree tree = RealmTree.build(loaded.realm, loaded.users, loaded.groups, loaded.suites(),
                    loaded.rdnByMail, Instant.now());
            trees.publish(tree);
            credentials.replaceRealm(loaded.realm, loaded.digests, loaded.certificates);
            published.put(realmId, loaded.realm);
            LOG.infof("LDAP view of realm %s: %d entries, read in %d ms, built in %d ms", loaded.realm, tree.size(),
                    (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        } catch (RuntimeException e) {
            // The previous view stays; the next change or restart tries again.
            LOG.errorf(e, "Cannot rebuild the LDAP view of realm %s; still serving the previous one", realmId);
        }
    }

    private Loaded load(String realmId) {
        RealmEntity realm = RealmEntity.findById(realmId);
        if (realm == null) {
            return null;
        }
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, String> certificates = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (ClientEntity c : ClientEntity.listByRealm(realm)) {
            if (c.enabled && c.ldapSecretHash != null) {
                digests.put(c.clientId, c.ldapSecretHash);
            }
            if (c.enabled && c.ldapCertSha256 != null && c.ldapCertNotAfter.isAfter(now)) {
                certificates.put(c.clientId, c.ldapCertSha256);
            }
        }
        List<SyncedUser> users = new ArrayList<>();
        List<SyncedGroup> groups = new ArrayList<>();
        synced.forEachServedUser(realmId, users::add);
        synced.forEachGroup(realmId, groups::add);
        return new Loaded(realm.name, realm.enabled, "mail".equals(realm.attributes.get(RealmEntity.LDAP_USER_RDN)),
                digests, certificates, users, groups);
    }

    private void unpublish(String realmId) {
        String name = published.remove(realmId);
        if (name != null) {
            credentials.replaceRealm(name, Map.of(), Map.of());
            trees.remove(name);
        }
    }

    @PreDestroy
    void stop() {
        builder.shutdownNow();
    }
}
