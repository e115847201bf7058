package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.ldap.tree.DirectorySchema;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.realm.token.LockoutPolicy;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
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
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.NoticeOfDisconnectionExtendedResult;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;

import cloud.federation.realm.client.ClientCertificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One client connection of the directory facade: suites bind with their LDAP credential and read their own realm's
 * tree, nothing else. Before a bind only the root DSE is readable; before TLS (on the plain port) only StartTLS,
 * the root DSE and unbind work; writes are always refused. The listener hands a connection's requests over one at
 * a time, so a connection never has more than one operation in progress.
 */
public final class DirectoryRequestHandler extends LDAPListenerRequestHandler {

    private static final String READ_ONLY = "the directory is a read-only copy of the customer's cloud directory";
    private static final String TLS_FIRST = "use LDAPS or StartTLS first";

    private final DirectoryContext context;
    private final SSLSocketFactory startTls;
    private final LDAPListenerClientConnection connection;
    private final InetAddress address;
    /** The TCP socket under any TLS layer: closing it ends the connection even while a write to it blocks. */
    private final java.net.Socket rawSocket;
    private final PagedSearches paged;
    private volatile SuiteCredentials.Suite bound;
    private volatile boolean secure;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean busy;

    /** A handler with default limits for an LDAPS listener (tests and tools). */
    public DirectoryRequestHandler(SuiteCredentials credentials, RealmTrees trees) {
        this(new DirectoryContext(credentials, trees, FacadeLimits.defaults(), new BindThrottle(
                new LockoutPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(15)),
                new LockoutPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(15)), Clock.systemUTC()), null), null);
    }

    /**
     * @param startTls the factory StartTLS converts plain connections with; null for an LDAPS listener, whose
     *                 connections are encrypted from the first byte
     */
    public DirectoryRequestHandler(DirectoryContext context, SSLSocketFactory startTls) {
        this(context, startTls, null, null);
    }

    private DirectoryRequestHandler(DirectoryContext context, SSLSocketFactory startTls,
                                    LDAPListenerClientConnection connection, InetAddress address) {
        this.context = context;
        this.startTls = startTls;
        this.connection = connection;
        this.address = address;
        this.rawSocket = connection == null ? null : connection.getSocket();
        this.secure = startTls == null;
        this.paged = new PagedSearches(context.limits().maxPagedSearches());
    }

    @Override
    public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        InetAddress from = connection.getSocket().getInetAddress();
        DirectoryRequestHandler handler = new DirectoryRequestHandler(context, startTls, connection, from);
        if (context.connections() != null) {
            context.connections().admit(from, handler);
        }
        // The SDK decodes filters recursively and lets errors such as a StackOverflowError (a filter nested a few
        // thousand levels deep fits in a small PDU) end the connection's thread without closing anything.
        connection.setUncaughtExceptionHandler((thread, error) -> handler.disconnect(ResultCode.PROTOCOL_ERROR,
                "the request could not be decoded"));
        return handler;
    }

    @Override
    public void closeInstance() {
        if (context.connections() != null) {
            context.connections().release(address, this);
        }
    }

    /**
     * How long the connection has been idle. An operation in progress is not idleness, unless it has been running
     * for longer than any search may (then it is stuck, typically writing to a client that no longer reads).
     */
    long idleNanos(long now) {
        long since = now - lastActivity;
        return busy ? since - context.limits().timeLimit().toNanos() : since;
    }

    /** Tells the client why (RFC 4511 §4.4.1) and closes the connection. */
    void disconnectIdle() {
        disconnect(ResultCode.UNAVAILABLE, "idle for too long");
    }

    /**
     * Sends a notice of disconnection if the client still reads, then closes the TCP socket. The notice may block
     * (a client that stopped reading), so it goes out on its own thread and the socket is closed regardless.
     */
    void disconnect(ResultCode code, String reason) {
        Thread notice = new Thread(() -> {
            try {
                ResponseBatching responses = responses();
                if (responses != null) {
                    // A search in progress holds its entries back; the notice must not wait behind them.
                    responses.release();
                }
                connection.sendUnsolicitedNotification(new NoticeOfDisconnectionExtendedResult(code, reason));
            } catch (LDAPException e) {
                // the client is gone already
            }
        }, "ldap-notice-of-disconnection");
        notice.setDaemon(true);
        notice.start();
        try {
            notice.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
        closeInstance();
    }

    void closeSocket() {
        try {
            if (rawSocket != null) {
                rawSocket.close();
            }
        } catch (IOException e) {
            // closing a dead socket
        }
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    @Override
    public LDAPMessage processBindRequest(int messageID, BindRequestProtocolOp request, List<Control> controls) {
        touch();
        bound = null;
        paged.clear();
        if (!secure) {
            return bind(messageID, ResultCode.CONFIDENTIALITY_REQUIRED, TLS_FIRST);
        }
        if (request.getCredentialsType() == BindRequestProtocolOp.CRED_TYPE_SASL
                && "EXTERNAL".equalsIgnoreCase(request.getSASLMechanism())) {
            return external(messageID, request.getSASLCredentials());
        }
        if (request.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            return bind(messageID, ResultCode.AUTH_METHOD_NOT_SUPPORTED, "simple binds and SASL EXTERNAL only");
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
        String from = clientAddress();
        Optional<LDAPMessage> locked = lockedOut(messageID, dn, from);
        if (locked.isPresent()) {
            return locked.get();
        }
        Optional<SuiteCredentials.Suite> suite = context.credentials().authenticate(dn, password.stringValue());
        if (suite.isEmpty()) {
            context.throttle().failed(dn, from);
            return bind(messageID, ResultCode.INVALID_CREDENTIALS, null);
        }
        context.throttle().succeeded(dn, from);
        bound = suite.get();
        return bind(messageID, ResultCode.SUCCESS, null);
    }

    private String clientAddress() {
        return address == null ? "" : address.getHostAddress();
    }

    /** The refusal for a (DN, address) the throttle has locked, if it has. */
    private Optional<LDAPMessage> lockedOut(int messageID, DN dn, String from) {
        return context.throttle().locked(dn, from).map(wait -> bind(messageID, ResultCode.ADMIN_LIMIT_EXCEEDED,
                "too many failed binds; try again in " + Math.max(1, wait.toSeconds()) + " s"));
    }

    /**
     * SASL EXTERNAL (RFC 4422 appendix A): the suite is the one whose registered certificate the client presented in
     * the TLS handshake. An authorization identity, if sent, must name that same suite.
     */
    private LDAPMessage external(int messageID, ASN1OctetString authzId) {
        String from = clientAddress();
        Optional<LDAPMessage> locked = lockedOut(messageID, DN.NULL_DN, from);
        if (locked.isPresent()) {
            return locked.get();
        }
        Optional<SuiteCredentials.Suite> suite = peerCertificate()
                .flatMap(der -> context.credentials().authenticateCertificate(ClientCertificate.fingerprint(der)));
        String asked = authzId == null ? "" : authzId.stringValue();
        if (suite.isEmpty() || !(asked.isEmpty() || asked.equalsIgnoreCase("dn:" + suite.get().bindDn()))) {
            context.throttle().failed(DN.NULL_DN, from);
            return bind(messageID, ResultCode.INVALID_CREDENTIALS, "no client certificate registered for a suite");
        }
        bound = suite.get();
        return bind(messageID, ResultCode.SUCCESS, null);
    }

    private Optional<byte[]> peerCertificate() {
        if (!(connection.getSocket() instanceof SSLSocket tls)) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length == 0 ? Optional.empty() : Optional.of(chain[0].getEncoded());
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public LDAPMessage processSearchRequest(int messageID, SearchRequestProtocolOp request, List<Control> controls) {
        touch();
        busy = true;
        ResponseBatching responses = responses();
        if (responses != null) {
            responses.hold();
        }
        try {
            boolean rootDse = request.getBaseDN().isEmpty() && request.getScope() == SearchScope.BASE;
            if (!secure && !rootDse) {
                return SearchProcessor.done(messageID, ResultCode.CONFIDENTIALITY_REQUIRED, TLS_FIRST);
            }
            if (rootDse) {
                Optional<Control> unsupported = controls.stream().filter(Control::isCritical).findFirst();
                if (unsupported.isPresent()) {
                    return SearchProcessor.done(messageID, ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
                            "critical control " + unsupported.get().getOID() + " is not supported here");
                }
                send(messageID, RootDse.entry(bound, startTls != null), selection(request));
                return SearchProcessor.done(messageID, ResultCode.SUCCESS, null);
            }
            SuiteCredentials.Suite suite = bound;
            if (suite == null) {
                return SearchProcessor.done(messageID, ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                        "bind first; only the root DSE is readable");
            }
            AttributeSelection selection = selection(request);
            return new SearchProcessor(context.trees(), context.limits(), paged)
                    .search(messageID, request, controls, suite, e -> send(messageID, e, selection));
        } finally {
            if (responses != null) {
                // The SearchResultDone the listener sends next takes the entries still held along with it.
                responses.release();
            }
            busy = false;
            touch();
        }
    }

    /** The connection's batchable output; none on a plain connection, which only ever returns the root DSE. */
    private ResponseBatching responses() {
        return connection.getSocket() instanceof ServedTlsSocket tls ? tls.responses() : null;
    }

    private AttributeSelection selection(SearchRequestProtocolOp request) {
        return new AttributeSelection(request.getAttributes(), request.typesOnly(), context.limits().maxValueRange());
    }

    private void send(int messageID, Entry entry, AttributeSelection selection) {
        try {
            connection.sendSearchResultEntry(messageID, selection.select(entry));
        } catch (LDAPException e) {
            // The client went away; the listener closes the connection.
        }
    }

    @Override
    public void processAbandonRequest(int messageID, AbandonRequestProtocolOp request, List<Control> controls) {
        touch();
        paged.abandon(request.getIDToAbandon());
    }

    @Override
    public LDAPMessage processExtendedRequest(int messageID, ExtendedRequestProtocolOp request, List<Control> controls) {
        touch();
        if (StartTLSExtendedRequest.STARTTLS_REQUEST_OID.equals(request.getOID())) {
            return startTls(messageID);
        }
        if (!secure) {
            return extended(messageID, ResultCode.CONFIDENTIALITY_REQUIRED, TLS_FIRST, null);
        }
        if (WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID.equals(request.getOID())) {
            SuiteCredentials.Suite suite = bound;
            return extended(messageID, ResultCode.SUCCESS, null,
                    new ASN1OctetString(suite == null ? "" : "dn:" + suite.bindDn()));
        }
        return extended(messageID, ResultCode.UNWILLING_TO_PERFORM,
                "extended operation " + request.getOID() + " is not supported", null);
    }

    /** RFC 4511 §4.14: the success response goes out in the clear, then the TLS handshake starts. */
    private LDAPMessage startTls(int messageID) {
        if (startTls == null || secure) {
            return extended(messageID, ResultCode.OPERATIONS_ERROR, "TLS is already in effect on this connection", null);
        }
        try {
            OutputStream clear = connection.convertToTLS(startTls, true, false);
            LDAPMessage ok = extended(messageID, ResultCode.SUCCESS, null, null);
            com.unboundid.asn1.ASN1Buffer buffer = new com.unboundid.asn1.ASN1Buffer();
            ok.writeTo(buffer);
            buffer.writeTo(clear);
            clear.flush();
            secure = true;
            // The listener suppresses the response after convertToTLS (it went out in the clear above).
            return ok;
        } catch (LDAPException | IOException e) {
            return extended(messageID, ResultCode.OTHER, "StartTLS failed", null);
        }
    }

    /** Compare (RFC 4511 §4.10) with the attribute's equality rule, in the bound realm only. */
    @Override
    public LDAPMessage processCompareRequest(int messageID, CompareRequestProtocolOp request, List<Control> controls) {
        touch();
        SuiteCredentials.Suite suite = bound;
        if (!secure) {
            return compared(messageID, ResultCode.CONFIDENTIALITY_REQUIRED);
        }
        if (controls.stream().anyMatch(Control::isCritical)) {
            return compared(messageID, ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        }
        if (suite == null) {
            return compared(messageID, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
        Entry entry;
        try {
            DN dn = new DN(request.getDN());
            Optional<RealmTree> tree = context.trees().current(suite.realm());
            entry = tree.isPresent() && dn.isDescendantOf(DirectoryNames.realm(suite.realm()), true) ? tree.get().get(dn) : null;
        } catch (LDAPException e) {
            return compared(messageID, ResultCode.INVALID_DN_SYNTAX);
        }
        if (entry == null) {
            return compared(messageID, ResultCode.NO_SUCH_OBJECT);
        }
        Attribute attribute = entry.getAttribute(request.getAttributeName());
        if (attribute == null) {
            return compared(messageID, ResultCode.NO_SUCH_ATTRIBUTE);
        }
        MatchingRule rule = MatchingRule.selectEqualityMatchingRule(request.getAttributeName(), DirectorySchema.get());
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

    @Override
    public LDAPMessage processAddRequest(int messageID, AddRequestProtocolOp request, List<Control> controls) {
        touch();
        return new LDAPMessage(messageID, new AddResponseProtocolOp(refusedWrite(), null, writeMessage(), null));
    }

    @Override
    public LDAPMessage processDeleteRequest(int messageID, DeleteRequestProtocolOp request, List<Control> controls) {
        touch();
        return new LDAPMessage(messageID, new DeleteResponseProtocolOp(refusedWrite(), null, writeMessage(), null));
    }

    @Override
    public LDAPMessage processModifyRequest(int messageID, ModifyRequestProtocolOp request, List<Control> controls) {
        touch();
        return new LDAPMessage(messageID, new ModifyResponseProtocolOp(refusedWrite(), null, writeMessage(), null));
    }

    @Override
    public LDAPMessage processModifyDNRequest(int messageID, ModifyDNRequestProtocolOp request, List<Control> controls) {
        touch();
        return new LDAPMessage(messageID, new ModifyDNResponseProtocolOp(refusedWrite(), null, writeMessage(), null));
    }

    private int refusedWrite() {
        return (secure ? ResultCode.UNWILLING_TO_PERFORM : ResultCode.CONFIDENTIALITY_REQUIRED).intValue();
    }

    private String writeMessage() {
        return secure ? READ_ONLY : TLS_FIRST;
    }

    private static LDAPMessage compared(int messageID, ResultCode code) {
        return new LDAPMessage(messageID, new CompareResponseProtocolOp(code.intValue(), null, null, null));
    }

    private static LDAPMessage extended(int messageID, ResultCode code, String message, ASN1OctetString value) {
        return new LDAPMessage(messageID, new ExtendedResponseProtocolOp(code.intValue(), null, message, null, null, value));
    }

    private static LDAPMessage bind(int messageID, ResultCode code, String message) {
        return new LDAPMessage(messageID, new BindResponseProtocolOp(code.intValue(), null, message, null, null));
    }
}
