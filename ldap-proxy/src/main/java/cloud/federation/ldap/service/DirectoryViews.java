package cloud.federation.ldap.service;

import cloud.federation.ldap.protocol.RealmTrees;
import cloud.federation.ldap.protocol.SuiteCredentials;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.ldap.tree.TreePatch;
import cloud.federation.realm.api.DirectoryChangeLog;
import cloud.federation.realm.api.DirectoryChanged;
import cloud.federation.realm.api.DirectoryDelta;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the listeners serve, per realm: the tree built from the committed sync state and the suites' LDAP
 * credentials. Brought up to date off the request path on every {@link DirectoryChanged} (sync commits, credential
 * rotation, realm options): only the users the change log names are re-read, unchanged entries carry over to the new
 * tree, and the tree is swapped in one step; searches already running finish on the tree they started on.
 */
@ApplicationScoped
public class DirectoryViews {

    private static final Logger LOG = Logger.getLogger(DirectoryViews.class);
    /**
     * Past this many users changed since the last complete tree (or a quarter of its entries), a commit is still
     * served as a layer, and a complete tree is built right after it (a few seconds at 100,000 users), so layers stay
     * small. Past four times as many (or half the realm), the commit itself builds the complete tree.
     */
    static final int LAYER_LIMIT = 5_000;

    @Inject
    SyncedDirectory synced;
    @Inject
    DirectoryChangeLog changeLog;

    private final RealmTrees trees = new RealmTrees();
    private final SuiteCredentials credentials = new SuiteCredentials();
    /** realm id → realm name, for the realms published now. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, Served> served = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** When this node heard of the oldest commit a realm's next rebuild serves (nanoTime). */
    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ldap-tree-builder");
        t.setDaemon(true);
        return t;
    });

    /**
     * What this node serves for one realm, with what it was built from, so the next version re-reads only what the
     * change log names. Touched by the builder thread only (and by {@link #loadAll} before the listeners open).
     */
    private static final class Served {
        long version;
        String realm;
        boolean rdnByMail;
        Map<String, String> digests = Map.of();
        Map<String, String> certificates = Map.of();
        /** source + upstream id → user, in the tree's order. */
        final TreeMap<String, SyncedUser> users = new TreeMap<>();
        List<SyncedGroup> groups = List.of();
        /** The last complete tree, and the users changed since: what the next layer is patched over. */
        RealmTree complete;
        final Set<String> changedSinceComplete = new HashSet<>();
        boolean groupsChangedSinceComplete;
        RealmTree tree;
        /** What {@link #state} reports, replaced whole after each publish (read by other threads). */
        volatile Published state;

        Set<String> suites() {
            Set<String> ids = new TreeSet<>(digests.keySet());
            ids.addAll(certificates.keySet());
            return ids;
        }
    }

    private record Published(String realm, ViewState view) {
    }

    /** What a catch-up read: the realm row and suites always (a few rows), users and groups as the log says. */
    private record Read(long version, boolean enabled, String realm, boolean rdnByMail, Map<String, String> digests,
                        Map<String, String> certificates, DirectoryDelta delta, List<SyncedUser> users,
                        List<SyncedGroup> groups) {
    }

    /**
     * What this node serves for a realm now: its directory version, entries, and whether the tree is a layer over
     * the last complete one (with how many users changed since it).
     */
    public record ViewState(long version, int entries, boolean layered, int changedSinceComplete) {
    }

    public Optional<ViewState> state(String realmName) {
        return served.values().stream().map(s -> s.state).filter(s -> s != null && realmName.equals(s.realm))
                .findFirst().map(s -> s.view);
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
        committedAt.putIfAbsent(event.realmId(), System.nanoTime());
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

    private synchronized void rebuild(String realmId) {
        try {
            long started = System.nanoTime();
            Long heard = committedAt.remove(realmId);
            Served before = served.get(realmId);
            Read read = QuarkusTransaction.requiringNew().call(() -> read(realmId, before));
            if (read == null || !read.enabled) {
                unpublish(realmId);
                return;
            }
            if (before != null && read.version == before.version && !read.delta.reloadAll()) {
                return; // an event for a version this node already serves
            }
            long loaded = System.nanoTime();
            Served next = apply(before, read);
            next.tree = !worthALayer(next) ? null : TreePatch.over(next.complete, next.tree, next.users, next.groups,
                    next.groupsChangedSinceComplete, next.suites(), next.changedSinceComplete, Instant.now());
            boolean layered = next.tree != null;
            if (!layered) {
                next.tree = RealmTree.build(next.realm, next.users.values(), next.groups, next.suites(), next.rdnByMail,
                        Instant.now(), next.complete);
                next.complete = next.tree;
                next.changedSinceComplete.clear();
                next.groupsChangedSinceComplete = false;
            }
            publish(realmId, next, layered);
            if (layered && oversized(next)) {
                builder.submit(() -> compact(realmId));
            }
            long now = System.nanoTime();
            LOG.infof("LDAP view of realm %s: version %d, %d entries, %s, %s; read in %d ms, built in %d ms; "
                            + "served %s", next.realm, next.version, next.tree.size(), read.delta.reloadAll() ? "full reload"
                            : read.delta.userCount() + " users re-read" + (read.delta.groupsChanged() ? ", groups re-read" : ""),
                    layered ? "layer of " + next.changedSinceComplete.size() + " changed users" : "complete tree",
                    (loaded - started) / 1_000_000, (now - loaded) / 1_000_000,
                    heard == null ? "on its own (start or fold)" : (now - heard) / 1_000_000 + " ms after this node heard of the commit");
        } catch (RuntimeException e) {
            // The previous view stays; the next change or restart reloads the realm from scratch.
            served.remove(realmId);
            LOG.errorf(e, "Cannot rebuild the LDAP view of realm %s; still serving the previous one", realmId);
        }
    }

    private void publish(String realmId, Served next, boolean layered) {
        trees.publish(next.tree);
        credentials.replaceRealm(next.realm, next.digests, next.certificates);
        next.state = new Published(next.realm, new ViewState(next.version, next.tree.size(), layered,
                next.changedSinceComplete.size()));
        served.put(realmId, next);
        published.put(realmId, next.realm);
    }

    /** A layer pays while it is small next to the complete tree; past that, building afresh is the cheaper read. */
    private static boolean worthALayer(Served s) {
        int changed = s.changedSinceComplete.size();
        return s.complete != null && changed <= 4 * LAYER_LIMIT && changed <= s.complete.size() / 2;
    }

    private static boolean oversized(Served s) {
        int changed = s.changedSinceComplete.size();
        return changed > LAYER_LIMIT || changed > s.complete.size() / 4;
    }

    /**
     * Replaces a large layer by the complete tree of the same version, after the layer was published: the commit that
     * grew it did not wait for this, and searches see the same entries before and after.
     */
    private synchronized void compact(String realmId) {
        Served s = served.get(realmId);
        if (s == null || s.tree == s.complete || !oversized(s)) {
            return; // a later commit or reload already did
        }
        try {
            long started = System.nanoTime();
            s.tree = RealmTree.build(s.realm, s.users.values(), s.groups, s.suites(), s.rdnByMail, Instant.now(),
                    s.complete);
            s.complete = s.tree;
            s.changedSinceComplete.clear();
            s.groupsChangedSinceComplete = false;
            publish(realmId, s, false);
            LOG.infof("LDAP view of realm %s: version %d, %d entries, layer folded into a complete tree in %d ms",
                    s.realm, s.version, s.tree.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            served.remove(realmId);
            LOG.errorf(e, "Cannot fold the LDAP view of realm %s into a complete tree; still serving the layer", realmId);
        }
    }

    private Read read(String realmId, Served before) {
        RealmEntity realm = RealmEntity.findById(realmId);
        if (realm == null) {
            return null;
        }
        DirectoryChangeLog.Catchup catchup = changeLog.since(realmId, before == null ? 0 : before.version);
        DirectoryDelta delta = before == null ? DirectoryDelta.everything() : catchup.delta();
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
        List<SyncedGroup> groups = null;
        if (delta.reloadAll()) {
            synced.forEachServedUser(realmId, users::add);
        } else if (!delta.users().isEmpty()) {
            synced.forEachServedUser(realmId, delta.users(), users::add);
        }
        if (delta.reloadAll() || delta.groupsChanged()) {
            groups = new ArrayList<>();
            synced.forEachGroup(realmId, groups::add);
        }
        return new Read(catchup.version(), realm.enabled, realm.name,
                "mail".equals(realm.attributes.get(RealmEntity.LDAP_USER_RDN)), digests, certificates, delta, users,
                groups);
    }

    /** The next state: {@code before} with the read applied (users and groups replaced where the read has them). */
    private static Served apply(Served before, Read read) {
        Served next = before == null || read.delta.reloadAll() ? new Served() : before;
        next.version = read.version;
        next.realm = read.realm;
        next.rdnByMail = read.rdnByMail;
        next.digests = read.digests;
        next.certificates = read.certificates;
        if (read.delta.reloadAll()) {
            next.users.clear();
            next.complete = null; // new records: nothing to take over by identity
            next.changedSinceComplete.clear();
        } else {
            read.delta.users().forEach((source, ids) -> ids.forEach(id -> {
                next.users.remove(TreePatch.userKey(source, id));
                next.changedSinceComplete.add(TreePatch.userKey(source, id));
            }));
        }
        for (SyncedUser u : read.users) {
            next.users.put(TreePatch.userKey(u.sourceId(), u.id()), u);
        }
        if (read.groups != null) {
            next.groups = read.groups;
            next.groupsChangedSinceComplete = true;
        }
        return next;
    }

    private void unpublish(String realmId) {
        served.remove(realmId);
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
