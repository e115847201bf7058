package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Searches one realm's tree: picks candidates from the index when the filter allows, otherwise walks the scope,
 * and checks each candidate against the whole filter. Entries come back in tree order, so a search can resume
 * after the last entry it returned (paging) and get the same answer a single pass would.
 */
public final class TreeSearch {

    /** How many candidates are checked between two looks at the clock. */
    private static final int CLOCK_EVERY = 512;

    private final RealmTree tree;
    private final EntryMatcher matcher;
    private final LongSupplier nanoClock;

    public TreeSearch(RealmTree tree) {
        this(tree, System::nanoTime);
    }

    public TreeSearch(RealmTree tree, LongSupplier nanoClock) {
        this.tree = tree;
        this.matcher = new EntryMatcher(tree, DirectorySchema.get());
        this.nanoClock = nanoClock;
    }

    /**
     * The result of one pass.
     *
     * @param more          more entries matched after the last one returned (the size limit stopped the pass)
     * @param timedOut      the deadline stopped the pass
     * @param lastPosition  tree position of the last entry returned, to resume after (-1 when none)
     */
    public record Result(List<Entry> entries, boolean more, boolean timedOut, int lastPosition) {

        public boolean sizeLimitExceeded() {
            return more;
        }
    }

    public Result search(DN base, SearchScope scope, Filter filter, int sizeLimit) throws LDAPException {
        return search(base, scope, filter, sizeLimit, -1, Long.MAX_VALUE);
    }

    /**
     * @param sizeLimit     most entries to return (0 = no limit)
     * @param afterPosition only entries after this tree position (-1 = from the start)
     * @param deadlineNanos stop when {@code nanoClock} passes this
     */
    public Result search(DN base, SearchScope scope, Filter filter, int sizeLimit, int afterPosition,
                         long deadlineNanos) throws LDAPException {
        Entry baseEntry = tree.get(base);
        if (baseEntry == null) {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "no entry " + base);
        }
        List<Entry> out = new ArrayList<>();
        int last = afterPosition;
        int checked = 0;
        // Candidates of a lone indexed equality came from exactly the key the matcher would compare with.
        boolean exact = scope != SearchScope.BASE && filter.getFilterType() == Filter.FILTER_TYPE_EQUALITY
                && tree.indexed(filter.getAttributeName());
        for (Entry e : candidates(base, scope, filter, afterPosition)) {
            if (++checked % CLOCK_EVERY == 0 && nanoClock.getAsLong() - deadlineNanos > 0) {
                return new Result(out, false, true, last);
            }
            if (inScope(DirectoryNames.of(e), base, scope) && (exact || matcher.matches(e, filter))) {
                if (sizeLimit > 0 && out.size() == sizeLimit) {
                    return new Result(out, true, false, last);
                }
                out.add(e);
                last = tree.position(e);
            }
        }
        return new Result(out, false, false, last);
    }

    private Iterable<Entry> candidates(DN base, SearchScope scope, Filter filter, int afterPosition) {
        if (scope == SearchScope.BASE) {
            return tree.position(tree.get(base)) > afterPosition ? List.of(tree.get(base)) : List.of();
        }
        CandidateRuns indexed = indexed(filter);
        if (indexed != null) {
            return indexed.after(tree, afterPosition);
        }
        if (scope == SearchScope.ONE) {
            return tree.children(base).stream().map(tree::get).filter(e -> tree.position(e) > afterPosition).toList();
        }
        return tree.from(afterPosition + 1);
    }

    /** Index candidates for the filter, or null when it needs a scan. */
    private CandidateRuns indexed(Filter f) {
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_EQUALITY:
                return tree.indexed(f.getAttributeName())
                        ? new CandidateRuns(tree.equal(f.getAttributeName(), f.getRawAssertionValue())) : null;
            case Filter.FILTER_TYPE_SUBSTRING:
                // objectClass has no substring rule: such a test is Undefined, never an index lookup.
                return tree.indexed(f.getAttributeName()) && f.getRawSubInitialValue() != null
                        && !"objectclass".equals(tree.canonical(f.getAttributeName()))
                        ? new CandidateRuns(tree.startingWith(f.getAttributeName(), f.getRawSubInitialValue()))
                        : null;
            case Filter.FILTER_TYPE_AND: {
                CandidateRuns best = null;
                for (Filter c : f.getComponents()) {
                    CandidateRuns candidates = indexed(c);
                    if (candidates != null && (best == null || candidates.size() < best.size())) {
                        best = candidates;
                    }
                }
                return best;
            }
            case Filter.FILTER_TYPE_OR: {
                CandidateRuns union = new CandidateRuns(List.of());
                for (Filter c : f.getComponents()) {
                    CandidateRuns candidates = indexed(c);
                    if (candidates == null) {
                        return null;
                    }
                    union = union.plus(candidates);
                }
                return union;
            }
            default:
                return null;
        }
    }

    private static boolean inScope(DN dn, DN base, SearchScope scope) {
        if (scope == SearchScope.BASE) {
            return dn.equals(base);
        }
        if (scope == SearchScope.ONE) {
            return base.equals(dn.getParent());
        }
        // SUBORDINATE_SUBTREE (draft-sermersheim-ldap-subordinate-scope) is the subtree without its base.
        return dn.isDescendantOf(base, scope != SearchScope.SUBORDINATE_SUBTREE);
    }
}
