package cloud.federation.ldap.protocol;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of all listeners: how many each client address holds (refused beyond the limit) and
 * which have been idle too long (told with a notice of disconnection, then closed).
 */
public final class ConnectionRegistry implements AutoCloseable {

    private final int maxTotal;
    private final int maxPerAddress;
    private final Duration idleTimeout;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Set<DirectoryRequestHandler> open = ConcurrentHashMap.newKeySet();
    private final Set<DirectoryRequestHandler> closing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper;

    public ConnectionRegistry(int maxTotal, int maxPerAddress, Duration idleTimeout) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.idleTimeout = idleTimeout;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ldap-idle-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, Math.min(idleTimeout.toMillis() / 4, 10_000));
        reaper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized void admit(InetAddress address, DirectoryRequestHandler connection) throws LDAPException {
        if (open.size() >= maxTotal) {
            throw new LDAPException(ResultCode.ADMIN_LIMIT_EXCEEDED, "too many connections");
        }
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAddress) {
            count.decrementAndGet();
            throw new LDAPException(ResultCode.ADMIN_LIMIT_EXCEEDED, "too many connections from one address");
        }
        open.add(connection);
    }

    void release(InetAddress address, DirectoryRequestHandler connection) {
        if (open.remove(connection)) {
            perAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    /** Connections currently open on all listeners. */
    public int active() {
        return open.size();
    }

    /** Each idle connection is closed on its own thread, so one that will not let go cannot hold up the others. */
    private void closeIdle() {
        long now = System.nanoTime();
        for (DirectoryRequestHandler c : open) {
            if (c.idleNanos(now) > idleTimeout.toNanos() && closing.add(c)) {
                Thread t = new Thread(() -> {
                    try {
                        c.disconnectIdle();
                    } finally {
                        closing.remove(c);
                    }
                }, "ldap-idle-close");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** Closes every connection's socket (server shutdown: the listener's own shutdown would wait on stuck writes). */
    public void closeAll() {
        for (DirectoryRequestHandler c : open) {
            c.closeSocket();
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
    }
}
