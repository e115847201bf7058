package cloud.federation.sync.graph;

import cloud.federation.sync.http.RetryPolicy;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Retries Graph reads that were throttled or hit a gateway error, waiting what {@code Retry-After} says (seconds,
 * decimal seconds or an HTTP-date), and reads that failed on the connection. Replaces the SDK's retry handler, which
 * reads only whole seconds.
 */
final class RetryingInterceptor implements Interceptor {

    private static final Logger LOG = Logger.getLogger(RetryingInterceptor.class);

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    RetryingInterceptor(RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean idempotent = "GET".equals(request.method());
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!idempotent || attempt >= policy.maxAttempts() || e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.debugf("Graph read to %s failed (%s), attempt %d", request.url().host(), e.getClass().getSimpleName(), attempt);
                pause(policy.waitBefore(attempt, null, clock));
                continue;
            }
            if (!policy.retries(response.code()) || attempt >= policy.maxAttempts()) {
                return response;
            }
            Duration wait = policy.waitBefore(attempt, response.header("Retry-After"), clock);
            LOG.debugf("Graph answered %d from %s, retrying in %d ms (attempt %d)", response.code(), request.url().host(),
                    wait.toMillis(), attempt);
            response.close();
            pause(wait);
        }
    }

    private void pause(Duration wait) throws InterruptedIOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("sync cancelled while waiting to retry");
        }
    }
}
