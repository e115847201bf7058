package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.ldap.tree.TreeSearch;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

import java.util.List;
import java.util.Optional;

/**
 * One client connection of the directory facade: suites bind with their LDAP credential and read their own realm's
 * tree, nothing else. Before a bind only the root DSE is readable; writes are always refused.
 */
public final class DirectoryRequestHandler extends LDAPListenerRequestHandler {

    /** Like Active Directory's MaxPageSize: without paging, a search returns at most this many entries. */
    static final int SERVER_SIZE_LIMIT = 1000;

    private final SuiteCredentials credentials;
    private final RealmTrees trees;
    private final LDAPListenerClientConnection connection;
    private volatile SuiteCredentials.Suite bound;

    public DirectoryRequestHandler(SuiteCredentials credentials, RealmTrees trees) {
        this(credentials, trees, null);
    }

    private DirectoryRequestHandler(SuiteCredentials credentials, RealmTrees trees, LDAPListenerClientConnection connection) {
        this.credentials = credentials;
        this.trees = trees;
        this.connection = connection;
    }

    @Override
    public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) {
        return new DirectoryRequestHandler(credentials, trees, connection);
    }

    @Override
    public LDAPMessage processBindRequest(int messageID, BindRequestProtocolOp request, List<Control> controls) {
        bound = null;
        if (request.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            return bind(messageID, ResultCode.AUTH_METHOD_NOT_SUPPORTED, "only simple binds of suites are supported");
        }
        String dnText = request.getBindDN();
        ASN1OctetString password = request.getSimplePassword();
        if (dnText == null || dnText.isEmpty()) {
            return bind(messageID, ResultCode.INVALID_CREDENTIALS, "anonymous binds are not allowed");
        }
        if (password == null || password.getValueLength() == 0) {
            return bind(messageID, ResultCode.UNWILLING_TO_PERFORM, "unauthenticated binds (empty password) are not allowed");
        }
        DN dn;
        try {
            dn = new DN(dnText);
        } catch (LDAPException e) {
            return bind(messageID, ResultCode.INVALID_DN_SYNTAX, "the bind DN is not a DN");
        }
        Optional<SuiteCredentials.Suite> suite = credentials.authenticate(dn, password.stringValue());
        if (suite.isEmpty()) {
            return bind(messageID, ResultCode.INVALID_CREDENTIALS, null);
        }
        bound = suite.get();
        return bind(messageID, ResultCode.SUCCESS, null);
    }

    @Override
    public LDAPMessage processSearchRequest(int messageID, SearchRequestProtocolOp request, List<Control> controls) {
        Optional<Control> unsupported = unsupportedCritical(controls);
        if (unsupported.isPresent()) {
            return done(messageID, ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, "critical control "
                    + unsupported.get().getOID() + " is not supported");
        }
        if (request.getBaseDN().isEmpty() && request.getScope() == SearchScope.BASE) {
            send(messageID, RootDse.entry(bound), request);
            return done(messageID, ResultCode.SUCCESS, null);
        }
        SuiteCredentials.Suite suite = bound;
        if (suite == null) {
            return done(messageID, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "bind first; only the root DSE is readable");
        }
        DN base;
        try {
            base = new DN(request.getBaseDN());
        } catch (LDAPException e) {
            return done(messageID, ResultCode.INVALID_DN_SYNTAX, "the base is not a DN");
        }
        Optional<RealmTree> tree = trees.current(suite.realm());
        // Another realm's entries do not exist for this suite: the same answer as a name that exists nowhere.
        if (tree.isEmpty() || !base.isDescendantOf(DirectoryNames.realm(suite.realm()), true)) {
            return done(messageID, ResultCode.NO_SUCH_OBJECT, null);
        }
        int limit = request.getSizeLimit() > 0 ? Math.min(request.getSizeLimit(), SERVER_SIZE_LIMIT) : SERVER_SIZE_LIMIT;
        TreeSearch.Result result;
        try {
            result = new TreeSearch(tree.get()).search(base, request.getScope(), request.getFilter(), limit);
        } catch (LDAPException e) {
            return done(messageID, e.getResultCode(), e.getDiagnosticMessage());
        }
        for (Entry e : result.entries()) {
            send(messageID, e, request);
        }
        return result.sizeLimitExceeded() ? done(messageID, ResultCode.SIZE_LIMIT_EXCEEDED, null)
                : done(messageID, ResultCode.SUCCESS, null);
    }

    private void send(int messageID, Entry entry, SearchRequestProtocolOp request) {
        try {
            connection.sendSearchResultEntry(messageID, AttributeSelection.apply(entry, request.getAttributes(),
                    request.typesOnly()));
        } catch (LDAPException e) {
            // The client went away; the listener closes the connection.
        }
    }

    @Override
    public LDAPMessage processExtendedRequest(int messageID, ExtendedRequestProtocolOp request, List<Control> controls) {
        if (WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID.equals(request.getOID())) {
            SuiteCredentials.Suite suite = bound;
            return new LDAPMessage(messageID, new ExtendedResponseProtocolOp(ResultCode.SUCCESS_INT_VALUE, null, null,
                    null, null, new ASN1OctetString(suite == null ? "" : "dn:" + suite.bindDn())));
        }
        return new LDAPMessage(messageID, new ExtendedResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                "extended operation " + request.getOID() + " is not supported", null, null, null));
    }

    /** Compare (RFC 4511 §4.10) with the attribute's equality rule, in the bound realm only. */
    @Override
    public LDAPMessage processCompareRequest(int messageID, CompareRequestProtocolOp request, List<Control> controls) {
        SuiteCredentials.Suite suite = bound;
        if (unsupportedCritical(controls).isPresent()) {
            return compared(messageID, ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        }
        if (suite == null) {
            return compared(messageID, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
        Entry entry;
        try {
            DN dn = new DN(request.getDN());
            Optional<RealmTree> tree = trees.current(suite.realm());
            entry = tree.isPresent() && dn.isDescendantOf(DirectoryNames.realm(suite.realm()), true) ? tree.get().get(dn) : null;
        } catch (LDAPException e) {
            return compared(messageID, ResultCode.INVALID_DN_SYNTAX);
        }
        if (entry == null) {
            return compared(messageID, ResultCode.NO_SUCH_OBJECT);
        }
        com.unboundid.ldap.sdk.Attribute attribute = entry.getAttribute(request.getAttributeName());
        if (attribute == null) {
            return compared(messageID, ResultCode.NO_SUCH_ATTRIBUTE);
        }
        com.unboundid.ldap.matchingrules.MatchingRule rule = com.unboundid.ldap.matchingrules.MatchingRule
                .selectEqualityMatchingRule(request.getAttributeName(), cloud.federation.ldap.tree.DirectorySchema.get());
        for (ASN1OctetString value : attribute.getRawValues()) {
            try {
                if (rule.valuesMatch(value, request.getAssertionValue())) {
                    return compared(messageID, ResultCode.COMPARE_TRUE);
                }
            } catch (LDAPException e) {
                // a value the rule cannot compare is not equal
            }
        }
        return compared(messageID, ResultCode.COMPARE_FALSE);
    }

    private static LDAPMessage compared(int messageID, ResultCode code) {
        return new LDAPMessage(messageID, new CompareResponseProtocolOp(code.intValue(), null, null, null));
    }

    /** We implement no request controls yet; a critical one must fail the operation instead of being ignored. */
    private static Optional<Control> unsupportedCritical(List<Control> controls) {
        return controls.stream().filter(Control::isCritical).findFirst();
    }

    @Override
    public LDAPMessage processAddRequest(int messageID, AddRequestProtocolOp request, List<Control> controls) {
        return new LDAPMessage(messageID, new AddResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                ReadOnly.MESSAGE, null));
    }

    @Override
    public LDAPMessage processDeleteRequest(int messageID, DeleteRequestProtocolOp request, List<Control> controls) {
        return new LDAPMessage(messageID, new DeleteResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                ReadOnly.MESSAGE, null));
    }

    @Override
    public LDAPMessage processModifyRequest(int messageID, ModifyRequestProtocolOp request, List<Control> controls) {
        return new LDAPMessage(messageID, new ModifyResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                ReadOnly.MESSAGE, null));
    }

    @Override
    public LDAPMessage processModifyDNRequest(int messageID, ModifyDNRequestProtocolOp request, List<Control> controls) {
        return new LDAPMessage(messageID, new ModifyDNResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                ReadOnly.MESSAGE, null));
    }

    private static final class ReadOnly {
        static final String MESSAGE = "the directory is a read-only copy of the customer's cloud directory";
    }

    private static LDAPMessage bind(int messageID, ResultCode code, String message) {
        return new LDAPMessage(messageID, new BindResponseProtocolOp(code.intValue(), null, message, null, null));
    }

    private static LDAPMessage done(int messageID, ResultCode code, String message) {
        return new LDAPMessage(messageID, new SearchResultDoneProtocolOp(code.intValue(), null, message, null));
    }
}
