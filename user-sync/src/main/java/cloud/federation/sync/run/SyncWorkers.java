package cloud.federation.sync.run;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where runs execute: a small pool of its own, so a long first sync of one source neither blocks the scheduler nor
 * an HTTP worker, and two sources sync side by side.
 */
@ApplicationScoped
public class SyncWorkers {

    private static final AtomicInteger THREADS = new AtomicInteger();

    @Inject
    SyncRunner runner;

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "directory-sync-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Starts a run of the source unless one is already going; answers the run's id. */
    public Optional<String> trigger(String sourceId, String trigger, boolean full) {
        return runner.begin(sourceId, trigger, full).map(started -> {
            pool.execute(() -> runner.execute(started));
            return started.runId();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
