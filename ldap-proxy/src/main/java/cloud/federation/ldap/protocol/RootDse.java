package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The root DSE: what a client may read before binding. Naming contexts are only shown to a bound suite, and only
 * its own realm's, so the list of customers never leaks. Controls and extensions list exactly what we implement.
 */
final class RootDse {

    static final String[] CONTROLS = {SimplePagedResultsControl.PAGED_RESULTS_OID,
            ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID};

    private RootDse() {
    }

    static Entry entry(SuiteCredentials.Suite bound, boolean offersStartTls) {
        Entry e = new Entry("");
        e.addAttribute("objectClass", "top", "extensibleObject");
        e.addAttribute("supportedLDAPVersion", "3");
        e.addAttribute("supportedControl", CONTROLS);
        List<String> extensions = new ArrayList<>(List.of(WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID));
        if (offersStartTls) {
            extensions.add(StartTLSExtendedRequest.STARTTLS_REQUEST_OID);
        }
        e.addAttribute("supportedExtension", extensions);
        e.addAttribute("supportedSASLMechanisms", "EXTERNAL");
        e.addAttribute("subschemaSubentry", Subschema.DN);
        e.addAttribute("vendorName", "UCX Suites federation server");
        e.addAttribute("vendorVersion", RootDse.class.getPackage().getImplementationVersion() == null ? "development"
                : RootDse.class.getPackage().getImplementationVersion());
        if (bound != null) {
            e.addAttribute("namingContexts", DirectoryNames.realm(bound.realm()).toString());
        }
        return e;
    }
}
