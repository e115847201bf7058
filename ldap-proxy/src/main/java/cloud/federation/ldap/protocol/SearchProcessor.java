package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.ldap.tree.SortOrder;
import cloud.federation.ldap.tree.TreeSearch;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One bound suite's search in its realm: isolation, filter limits, the size and time limits, paged results and
 * server-side sort. Entries go out through {@code sender}; the method answers the final SearchResultDone.
 */
final class SearchProcessor {

    private final RealmTrees trees;
    private final FacadeLimits limits;
    private final PagedSearches paged;

    SearchProcessor(RealmTrees trees, FacadeLimits limits, PagedSearches paged) {
        this.trees = trees;
        this.limits = limits;
        this.paged = paged;
    }

    /** The request's controls we act on, decoded. */
    private record Controls(SimplePagedResultsControl page, ServerSideSortRequestControl sort) {
    }

    LDAPMessage search(int messageID, SearchRequestProtocolOp request, List<Control> controls,
                       SuiteCredentials.Suite suite, Consumer<Entry> sender) {
        try {
            DN base = dn(request.getBaseDN());
            if (base.equals(dn(Subschema.DN)) && request.getScope() == SearchScope.BASE) {
                sender.accept(Subschema.entry());
                return done(messageID, ResultCode.SUCCESS, null);
            }
            Optional<RealmTree> current = trees.current(suite.realm());
            // Another realm's entries do not exist for this suite: the same answer as a name that exists nowhere.
            if (current.isEmpty() || !base.isDescendantOf(DirectoryNames.realm(suite.realm()), true)) {
                return done(messageID, ResultCode.NO_SUCH_OBJECT, null);
            }
            FilterLimits.check(request.getFilter(), limits);
            Controls c = decode(controls);
            Comparator<Entry> order = null;
            Control sortResponse = null;
            if (c.sort != null) {
                try {
                    order = SortOrder.of(c.sort.getSortKeys());
                    sortResponse = new ServerSideSortResponseControl(ResultCode.SUCCESS, null, false);
                } catch (LDAPException e) {
                    if (c.sort.isCritical()) {
                        return done(messageID, ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, "cannot sort by " + e.getMessage());
                    }
                    sortResponse = new ServerSideSortResponseControl(e.getResultCode(), e.getMessage(), false);
                }
            }
            long deadline = deadline(request.getTimeLimit());
            return c.page == null
                    ? unpaged(messageID, request, base, current.get(), order, sortResponse, deadline, sender)
                    : page(messageID, request, base, current.get(), c.page, order, sortResponse, deadline, sender);
        } catch (LDAPException e) {
            return done(messageID, e.getResultCode(), e.getDiagnosticMessage());
        }
    }

    private LDAPMessage unpaged(int messageID, SearchRequestProtocolOp request, DN base, RealmTree tree,
                                Comparator<Entry> order, Control sortResponse, long deadline, Consumer<Entry> sender)
            throws LDAPException {
        int limit = request.getSizeLimit() > 0 ? Math.min(request.getSizeLimit(), limits.sizeLimit()) : limits.sizeLimit();
        TreeSearch search = new TreeSearch(tree);
        TreeSearch.Result result = search.search(base, request.getScope(), request.getFilter(), order == null ? limit : 0,
                -1, deadline);
        List<Entry> entries = result.entries();
        boolean more = result.more();
        if (order != null && !result.timedOut()) {
            entries = new ArrayList<>(entries);
            entries.sort(order);
            more = entries.size() > limit;
            entries = more ? entries.subList(0, limit) : entries;
        }
        entries.forEach(sender);
        ResultCode code = result.timedOut() ? ResultCode.TIME_LIMIT_EXCEEDED
                : more ? ResultCode.SIZE_LIMIT_EXCEEDED : ResultCode.SUCCESS;
        return done(messageID, code, null, sortResponse);
    }

    private LDAPMessage page(int messageID, SearchRequestProtocolOp request, DN base, RealmTree current,
                             SimplePagedResultsControl control, Comparator<Entry> order, Control sortResponse,
                             long deadline, Consumer<Entry> sender) throws LDAPException {
        String signature = signature(request, base);
        ASN1OctetString cookie = control.getCookie();
        PagedSearches.Paged state;
        if (cookie == null || cookie.getValueLength() == 0) {
            if (control.getSize() == 0) {
                return done(messageID, ResultCode.SUCCESS, null, pageControl(null), sortResponse);
            }
            List<Entry> sorted = null;
            if (order != null) {
                TreeSearch.Result all = new TreeSearch(current).search(base, request.getScope(), request.getFilter(),
                        0, -1, deadline);
                if (all.timedOut()) {
                    return done(messageID, ResultCode.TIME_LIMIT_EXCEEDED, null);
                }
                sorted = new ArrayList<>(all.entries());
                sorted.sort(order);
            }
            state = new PagedSearches.Paged(signature, current, sorted);
            cookie = paged.put(state);
        } else {
            state = paged.get(cookie);
            if (state == null || !state.signature.equals(signature)) {
                return done(messageID, ResultCode.UNWILLING_TO_PERFORM,
                        "the paged results cookie is not valid for this search on this connection");
            }
            if (control.getSize() == 0) {
                paged.remove(cookie);
                return done(messageID, ResultCode.SUCCESS, null, pageControl(null), sortResponse);
            }
        }
        state.lastMessageId = messageID;
        int wanted = Math.min(control.getSize(), limits.sizeLimit());
        boolean clientCapped = false;
        if (request.getSizeLimit() > 0 && state.returned + wanted >= request.getSizeLimit()) {
            wanted = request.getSizeLimit() - state.returned;
            clientCapped = true;
        }
        List<Entry> page;
        boolean more;
        if (state.sorted != null) {
            int end = Math.min(state.offset + wanted, state.sorted.size());
            page = state.sorted.subList(state.offset, end);
            state.offset = end;
            more = end < state.sorted.size();
        } else {
            TreeSearch.Result r = new TreeSearch(state.tree).search(base, request.getScope(), request.getFilter(),
                    wanted, state.lastPosition, deadline);
            if (r.timedOut()) {
                paged.remove(cookie);
                r.entries().forEach(sender);
                return done(messageID, ResultCode.TIME_LIMIT_EXCEEDED, null);
            }
            page = r.entries();
            state.lastPosition = r.lastPosition();
            more = r.more();
        }
        page.forEach(sender);
        state.returned += page.size();
        if (!more) {
            paged.remove(cookie);
            return done(messageID, ResultCode.SUCCESS, null, pageControl(null), sortResponse);
        }
        if (clientCapped) {
            paged.remove(cookie);
            return done(messageID, ResultCode.SIZE_LIMIT_EXCEEDED, null, pageControl(null), sortResponse);
        }
        return done(messageID, ResultCode.SUCCESS, null, pageControl(cookie), sortResponse);
    }

    private static Controls decode(List<Control> controls) throws LDAPException {
        SimplePagedResultsControl page = null;
        ServerSideSortRequestControl sort = null;
        for (Control c : controls) {
            if (SimplePagedResultsControl.PAGED_RESULTS_OID.equals(c.getOID())) {
                page = new SimplePagedResultsControl(c.getOID(), c.isCritical(), c.getValue());
            } else if (ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID.equals(c.getOID())) {
                sort = new ServerSideSortRequestControl(c);
            } else if (c.isCritical()) {
                throw new LDAPException(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
                        "critical control " + c.getOID() + " is not supported");
            }
        }
        return new Controls(page, sort);
    }

    /** The same search, apart from page size and cookie (RFC 2696 §3). */
    private static String signature(SearchRequestProtocolOp r, DN base) {
        return base.toNormalizedString() + '\n' + r.getScope().intValue() + '\n' + r.getFilter().toNormalizedString()
                + '\n' + r.getAttributes() + '\n' + r.typesOnly();
    }

    private long deadline(int clientSeconds) {
        long serverNanos = limits.timeLimit().toNanos();
        long nanos = clientSeconds > 0 ? Math.min(serverNanos, clientSeconds * 1_000_000_000L) : serverNanos;
        return System.nanoTime() + nanos;
    }

    private static SimplePagedResultsControl pageControl(ASN1OctetString cookie) {
        return new SimplePagedResultsControl(0, cookie, false);
    }

    private static DN dn(String text) throws LDAPException {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new LDAPException(ResultCode.INVALID_DN_SYNTAX, "the base is not a DN");
        }
    }

    static LDAPMessage done(int messageID, ResultCode code, String message, Control... controls) {
        List<Control> present = new ArrayList<>();
        for (Control c : controls) {
            if (c != null) {
                present.add(c);
            }
        }
        return new LDAPMessage(messageID, new SearchResultDoneProtocolOp(code.intValue(), null, message, null),
                present.toArray(new Control[0]));
    }
}
