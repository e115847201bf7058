package cloud.federation.sync.simulator;

import java.util.ArrayList;
import java.util.List;

/** What a simulator was asked, in arrival order, for tests that check paging, retries and their timing. */
final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
