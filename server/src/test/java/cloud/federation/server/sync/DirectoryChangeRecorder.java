package cloud.federation.server.sync;

import cloud.federation.realm.api.DirectoryChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes change events the way the LDAP facade will, so tests can see what it would be told. */
@ApplicationScoped
public class DirectoryChangeRecorder {

    private final List<DirectoryChanged> events = new CopyOnWriteArrayList<>();

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) DirectoryChanged event) {
        events.add(event);
    }

    public List<DirectoryChanged> events() {
        return List.copyOf(events);
    }
}
