package cloud.federation.ldap.protocol;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/** Refuses filters deeper or larger than the limits before any entry is looked at. */
final class FilterLimits {

    private FilterLimits() {
    }

    static void check(Filter filter, FacadeLimits limits) throws LDAPException {
        int[] components = {0};
        walk(filter, 1, limits, components);
    }

    private static void walk(Filter f, int depth, FacadeLimits limits, int[] components) throws LDAPException {
        if (depth > limits.maxFilterDepth()) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                    "the filter nests deeper than " + limits.maxFilterDepth() + " levels");
        }
        if (++components[0] > limits.maxFilterComponents()) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                    "the filter has more than " + limits.maxFilterComponents() + " components");
        }
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter c : f.getComponents()) {
                    walk(c, depth + 1, limits, components);
                }
            }
            case Filter.FILTER_TYPE_NOT -> walk(f.getNOTComponent(), depth + 1, limits, components);
            default -> {
            }
        }
    }
}
