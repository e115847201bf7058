package cloud.federation.ldap.slapd;

import cloud.federation.ldap.tree.DirectorySchema;
import cloud.federation.ldap.tree.RealmTree;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.Locale;
import java.util.Set;

/**
 * The facade's filter evaluation with one change: telephone-number assertions follow slapd's rule instead of the
 * SDK's (see {@link KnownDifference#TELEPHONE_NUMBER_MATCH}). If this model and slapd agree on a search where the
 * facade does not, the telephone rule is the whole difference; anything else still fails the test.
 */
final class TelephoneModel {

    /** Attribute types with telephoneNumberMatch in both schemas. */
    static final Set<String> TELEPHONE = Set.of("telephonenumber", "mobile", "ipphone");

    private enum Truth { TRUE, FALSE, UNDEFINED }

    private TelephoneModel() {
    }

    static boolean mentionsTelephone(Filter f) {
        return switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR ->
                    java.util.Arrays.stream(f.getComponents()).anyMatch(TelephoneModel::mentionsTelephone);
            case Filter.FILTER_TYPE_NOT -> mentionsTelephone(f.getNOTComponent());
            default -> f.getAttributeName() != null && TELEPHONE.contains(f.getAttributeName().toLowerCase(Locale.ROOT));
        };
    }

    /** The normalised DNs this model would return for the search. */
    static Set<String> search(RealmTree tree, Set<DN> leftOut, SearchComparison.Search search) throws LDAPException {
        DN base = new DN(search.base());
        Filter filter = Filter.create(search.filter());
        Set<String> out = new java.util.TreeSet<>();
        for (Entry e : tree.all()) {
            DN dn = e.getParsedDN();
            if (!leftOut.contains(dn) && inScope(dn, base, search.scope()) && evaluate(e, filter) == Truth.TRUE) {
                out.add(dn.toNormalizedString());
            }
        }
        return out;
    }

    private static boolean inScope(DN dn, DN base, SearchScope scope) {
        if (scope == SearchScope.BASE) {
            return dn.equals(base);
        }
        if (scope == SearchScope.ONE) {
            return base.equals(dn.getParent());
        }
        return dn.isDescendantOf(base, scope == SearchScope.SUB);
    }

    private static Truth evaluate(Entry e, Filter f) {
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND: {
                Truth result = Truth.TRUE;
                for (Filter c : f.getComponents()) {
                    Truth t = evaluate(e, c);
                    if (t == Truth.FALSE) {
                        return Truth.FALSE;
                    }
                    if (t == Truth.UNDEFINED) {
                        result = Truth.UNDEFINED;
                    }
                }
                return result;
            }
            case Filter.FILTER_TYPE_OR: {
                Truth result = Truth.FALSE;
                for (Filter c : f.getComponents()) {
                    Truth t = evaluate(e, c);
                    if (t == Truth.TRUE) {
                        return Truth.TRUE;
                    }
                    if (t == Truth.UNDEFINED) {
                        result = Truth.UNDEFINED;
                    }
                }
                return result;
            }
            case Filter.FILTER_TYPE_NOT: {
                Truth t = evaluate(e, f.getNOTComponent());
                return t == Truth.UNDEFINED ? t : t == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
            }
            default:
                if (TELEPHONE.contains(f.getAttributeName().toLowerCase(Locale.ROOT))) {
                    return telephone(e, f);
                }
                try {
                    return f.matchesEntry(e, DirectorySchema.get()) ? Truth.TRUE : Truth.FALSE;
                } catch (LDAPException undefined) {
                    return Truth.FALSE;
                }
        }
    }

    /** slapd 2.5: spaces and hyphens removed, the rest compared exactly; a component left empty never matches. */
    private static Truth telephone(Entry e, Filter f) {
        String[] values = e.getAttributeValues(f.getAttributeName());
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_PRESENCE:
                return values != null ? Truth.TRUE : Truth.FALSE;
            case Filter.FILTER_TYPE_EQUALITY: {
                String wanted = prepare(f.getAssertionValue());
                if (values == null || wanted.isEmpty()) {
                    return Truth.FALSE;
                }
                for (String v : values) {
                    if (prepare(v).equals(wanted)) {
                        return Truth.TRUE;
                    }
                }
                return Truth.FALSE;
            }
            case Filter.FILTER_TYPE_SUBSTRING: {
                if (values == null) {
                    return Truth.FALSE;
                }
                for (String v : values) {
                    if (substring(prepare(v), f)) {
                        return Truth.TRUE;
                    }
                }
                return Truth.FALSE;
            }
            default:
                // No ORDERING or approximate rule for telephone numbers in slapd's schema.
                return Truth.UNDEFINED;
        }
    }

    private static boolean substring(String value, Filter f) {
        int at = 0;
        if (f.getSubInitialString() != null) {
            String initial = prepare(f.getSubInitialString());
            if (initial.isEmpty() || !value.startsWith(initial)) {
                return false;
            }
            at = initial.length();
        }
        for (String any : f.getSubAnyStrings()) {
            String part = prepare(any);
            int found = part.isEmpty() ? -1 : value.indexOf(part, at);
            if (found < 0) {
                return false;
            }
            at = found + part.length();
        }
        if (f.getSubFinalString() != null) {
            String fin = prepare(f.getSubFinalString());
            return !fin.isEmpty() && value.length() - fin.length() >= at && value.endsWith(fin);
        }
        return true;
    }

    private static String prepare(String s) {
        return s.replace(" ", "").replace("-", "");
    }
}
