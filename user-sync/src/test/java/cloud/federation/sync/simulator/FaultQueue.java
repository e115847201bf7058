package cloud.federation.sync.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * One-shot faults in injection order. A request is matched against the oldest fault aimed at it only, so two faults
 * for the same target hit two consecutive requests, and a fault that first lets requests pass holds back the ones
 * queued after it for that target.
 */
final class FaultQueue<F> {

    private static final class Armed<F> {
        final F fault;
        int passes;

        Armed(F fault, int passes) {
            this.fault = fault;
            this.passes = passes;
        }
    }

    private final Deque<Armed<F>> queue = new ArrayDeque<>();

    synchronized void add(F fault, int passFirst) {
        queue.addLast(new Armed<>(fault, passFirst));
    }

    /** The fault to apply to this request, or null to serve it normally. */
    synchronized F take(Predicate<F> aimedAtThisRequest) {
        for (Iterator<Armed<F>> it = queue.iterator(); it.hasNext(); ) {
            Armed<F> armed = it.next();
            if (!aimedAtThisRequest.test(armed.fault)) {
                continue;
            }
            if (armed.passes > 0) {
                armed.passes--;
                return null;
            }
            it.remove();
            return armed.fault;
        }
        return null;
    }

    synchronized void clear() {
        queue.clear();
    }
}
