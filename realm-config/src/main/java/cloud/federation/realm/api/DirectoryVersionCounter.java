package cloud.federation.realm.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * The per-realm counter of what the LDAP facade serves. Everything that changes a realm's served directory (a sync
 * commit, a suite's LDAP credential, a realm's LDAP options) bumps it in its own transaction: other nodes poll the
 * counter, and this node's observers get {@link DirectoryChanged} once the transaction commits.
 */
@ApplicationScoped
public class DirectoryVersionCounter {

    @Inject
    EntityManager em;
    @Inject
    Event<DirectoryChanged> changed;
    @Inject
    DirectoryChangeLog log;

    /** A change readers cannot narrow down (realm options, suites added or removed): they reload the realm. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long bump(String realmId, Instant now) {
        return bump(realmId, now, DirectoryDelta.everything());
    }

    /**
     * Bumps the realm's counter and logs what changed; observers with {@code during = AFTER_SUCCESS} hear of it after
     * the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long bump(String realmId, Instant now, DirectoryDelta delta) {
        em.flush(); // the realm row and the change itself go first: the counter references the realm
        int updated = em.createNativeQuery("update directory_version set version = version + 1, changed_at = ?1 "
                + "where realm_id = ?2").setParameter(1, now).setParameter(2, realmId).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into directory_version (realm_id, version, changed_at) values (?1, 1, ?2)")
                    .setParameter(1, realmId).setParameter(2, now).executeUpdate();
        }
        long version = ((Number) em.createNativeQuery("select version from directory_version where realm_id = ?1")
                .setParameter(1, realmId).getSingleResult()).longValue();
        log.record(realmId, version, delta, now);
        changed.fire(new DirectoryChanged(realmId, version));
        return version;
    }
}
