package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

/**
 * The root DSE: what a client may read before binding. Naming contexts are only shown to a bound suite, and only
 * its own realm's, so the list of customers never leaks.
 */
final class RootDse {

    private RootDse() {
    }

    static Entry entry(SuiteCredentials.Suite bound) {
        Entry e = new Entry("");
        e.addAttribute("objectClass", "top", "extensibleObject");
        e.addAttribute("supportedLDAPVersion", "3");
        e.addAttribute("supportedExtension", WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID);
        e.addAttribute("vendorName", "UCX Suites federation server");
        e.addAttribute("vendorVersion", RootDse.class.getPackage().getImplementationVersion() == null ? "development"
                : RootDse.class.getPackage().getImplementationVersion());
        if (bound != null) {
            e.addAttribute("namingContexts", DirectoryNames.realm(bound.realm()).toString());
        }
        return e;
    }
}
