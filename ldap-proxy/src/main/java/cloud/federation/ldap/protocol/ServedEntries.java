package cloud.federation.ldap.protocol;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

import java.util.List;

/**
 * The listeners' rules for readers that are not an LDAP connection (the admin console): the same filter limits, and
 * an entry exactly as a search asking for all user and operational attributes ({@code *} and {@code +}) sends it.
 */
public final class ServedEntries {

    private static final List<String> EVERYTHING = List.of("*", "+");

    private ServedEntries() {
    }

    /** Refuses a filter a suite's search would be refused for (too deep, too many components). */
    public static void checkFilter(Filter filter, FacadeLimits limits) throws LDAPException {
        FilterLimits.check(filter, limits);
    }

    /** The entry as the wire carries it: attribute order, operational attributes, range retrieval of long lists. */
    public static Entry everyAttribute(Entry entry, FacadeLimits limits) {
        return new AttributeSelection(EVERYTHING, false, limits.maxValueRange()).select(entry).toSearchResultEntry();
    }
}
