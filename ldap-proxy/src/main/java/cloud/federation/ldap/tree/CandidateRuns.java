package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.Entry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Index candidates as runs that are each already in tree order (one run per index key and layer: entries join an
 * index in the order they join the tree). Runs of a layered tree may hold base entries the layer hides; those are
 * skipped. They are merged lazily, so a search that stops after 100 entries looks at about
 * 100 candidates, not at every entry under every key its prefix covers.
 */
final class CandidateRuns {

    private final List<List<Entry>> runs;
    private final int size;

    CandidateRuns(List<List<Entry>> runs) {
        this.runs = runs;
        this.size = runs.stream().mapToInt(List::size).sum();
    }

    int size() {
        return size;
    }

    /** These candidates and those (an OR); an entry in both comes out once. */
    CandidateRuns plus(CandidateRuns other) {
        List<List<Entry>> both = new ArrayList<>(runs);
        both.addAll(other.runs);
        return new CandidateRuns(both);
    }

    /** The candidates after {@code afterPosition}, in tree order, each once. */
    Iterable<Entry> after(RealmTree tree, int afterPosition) {
        return () -> new Merge(tree, afterPosition);
    }

    private final class Merge implements Iterator<Entry> {

        private final RealmTree tree;
        /** Heads of the runs: {position, run, index}. */
        private final PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> Integer.compare(a[0], b[0]));
        private int previous = Integer.MIN_VALUE;
        private Entry next;

        Merge(RealmTree tree, int afterPosition) {
            this.tree = tree;
            for (int r = 0; r < runs.size(); r++) {
                int i = firstAfter(runs.get(r), afterPosition);
                if (i < runs.get(r).size()) {
                    heads.add(new int[]{tree.position(runs.get(r).get(i)), r, i});
                }
            }
            advance();
        }

        private int firstAfter(List<Entry> run, int afterPosition) {
            int low = 0;
            int high = run.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (tree.position(run.get(mid)) > afterPosition) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        private void advance() {
            next = null;
            while (next == null && !heads.isEmpty()) {
                int[] head = heads.poll();
                List<Entry> run = runs.get(head[1]);
                // A layer's replacement sits at the position of the base entry it hides: skip the hidden one
                // without taking the position, so the replacement still comes out.
                if (head[0] != previous && tree.live(run.get(head[2]))) {
                    next = run.get(head[2]);
                    previous = head[0];
                }
                if (head[2] + 1 < run.size()) {
                    heads.add(new int[]{tree.position(run.get(head[2] + 1)), head[1], head[2] + 1});
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Entry e = next;
            advance();
            return e;
        }
    }
}
