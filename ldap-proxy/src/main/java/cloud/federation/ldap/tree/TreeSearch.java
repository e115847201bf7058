package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches one realm's tree: picks candidates from the index when the filter allows, otherwise walks the scope,
 * and checks each candidate against the whole filter. Entries come back in tree order, so paging over one tree is
 * stable.
 */
public final class TreeSearch {

    private final RealmTree tree;
    private final EntryMatcher matcher;

    public TreeSearch(RealmTree tree) {
        this.tree = tree;
        this.matcher = new EntryMatcher(tree, DirectorySchema.get());
    }

    /** The result: matching entries up to {@code sizeLimit} (0 = no limit), and whether more matched. */
    public record Result(List<Entry> entries, boolean sizeLimitExceeded) {
    }

    public Result search(DN base, SearchScope scope, Filter filter, int sizeLimit) throws LDAPException {
        Entry baseEntry = tree.get(base);
        if (baseEntry == null) {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "no entry " + base);
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : candidates(base, scope, filter)) {
            if (inScope(DirectoryNames.of(e), base, scope) && matcher.matches(e, filter)) {
                if (sizeLimit > 0 && out.size() == sizeLimit) {
                    return new Result(out, true);
                }
                out.add(e);
            }
        }
        return new Result(out, false);
    }

    private Collection<Entry> candidates(DN base, SearchScope scope, Filter filter) {
        if (scope == SearchScope.BASE) {
            return List.of(tree.get(base));
        }
        Collection<Entry> indexed = indexed(filter);
        if (indexed != null) {
            return ordered(indexed);
        }
        if (scope == SearchScope.ONE) {
            return tree.children(base).stream().map(tree::get).toList();
        }
        return tree.all();
    }

    /** Index candidates for the filter, or null when it needs a scan. */
    private Collection<Entry> indexed(Filter f) {
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_EQUALITY:
                return EqualityIndex.indexed(f.getAttributeName()) ? tree.index().equal(f.getAttributeName(), f.getAssertionValue()) : null;
            case Filter.FILTER_TYPE_SUBSTRING:
                return EqualityIndex.indexed(f.getAttributeName()) && f.getSubInitialString() != null
                        ? tree.index().startingWith(f.getAttributeName(), f.getSubInitialString()) : null;
            case Filter.FILTER_TYPE_AND: {
                Collection<Entry> best = null;
                for (Filter c : f.getComponents()) {
                    Collection<Entry> candidates = indexed(c);
                    if (candidates != null && (best == null || candidates.size() < best.size())) {
                        best = candidates;
                    }
                }
                return best;
            }
            case Filter.FILTER_TYPE_OR: {
                Map<DN, Entry> union = new LinkedHashMap<>();
                for (Filter c : f.getComponents()) {
                    Collection<Entry> candidates = indexed(c);
                    if (candidates == null) {
                        return null;
                    }
                    candidates.forEach(e -> union.put(DirectoryNames.of(e), e));
                }
                return union.values();
            }
            default:
                return null;
        }
    }

    /** Index hits in tree order (the order a scan would give), so results do not depend on the plan. */
    private Collection<Entry> ordered(Collection<Entry> hits) {
        List<Entry> sorted = new ArrayList<>(hits.size());
        java.util.Set<Entry> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Entry e : hits) {
            if (seen.add(e)) {
                sorted.add(e);
            }
        }
        sorted.sort(java.util.Comparator.comparingInt(tree::position));
        return sorted;
    }

    private static boolean inScope(DN dn, DN base, SearchScope scope) {
        if (scope == SearchScope.BASE) {
            return dn.equals(base);
        }
        if (scope == SearchScope.ONE) {
            return base.equals(dn.getParent());
        }
        return dn.isDescendantOf(base, true);
    }
}
