package cloud.federation.server.signon;

import cloud.federation.saml.AssertionReplayCache;
import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replayed SAML assertions are refused, also when the copies arrive at the same moment (on PostgreSQL). */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AssertionReplayCacheTest {

    @Inject
    AssertionReplayCache cache;

    @Test
    void secondUseIsRefused() {
        String key = "https://idp.example|_" + UUID.randomUUID();
        assertTrue(cache.firstUse(key, Instant.now().plusSeconds(300)));
        assertFalse(cache.firstUse(key, Instant.now().plusSeconds(300)));
    }

    @Test
    void concurrentCopiesYieldExactlyOneAcceptance() throws Exception {
        String key = "https://idp.example|_" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(() -> cache.firstUse(key, Instant.now().plusSeconds(300)));
        }
        int accepted = 0;
        for (Future<Boolean> result : pool.invokeAll(copies)) {
            accepted += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, accepted);
    }
}
