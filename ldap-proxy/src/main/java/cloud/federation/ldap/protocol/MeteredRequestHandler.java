package cloud.federation.ldap.protocol;

import cloud.federation.ldap.protocol.LdapOperationMeters.BindMethod;
import cloud.federation.ldap.protocol.LdapOperationMeters.Operation;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Counts what the facade answers, wrapped around its request handler, so the handler itself stays about LDAP
 * only. The count reads the result code from the response the handler built; nothing of the request or the
 * entries (DNs, filters, values) reaches a metric.
 */
public final class MeteredRequestHandler extends LDAPListenerRequestHandler {

    private final LDAPListenerRequestHandler handler;
    private final LdapOperationMeters meters;

    public MeteredRequestHandler(LDAPListenerRequestHandler handler, LdapOperationMeters meters) {
        this.handler = handler;
        this.meters = meters;
    }

    @Override
    public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        return new MeteredRequestHandler(handler.newInstance(connection), meters);
    }

    @Override
    public void closeInstance() {
        handler.closeInstance();
    }

    @Override
    public LDAPMessage processBindRequest(int messageID, BindRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processBindRequest(messageID, request, controls);
        int code = counted(Operation.BIND, response, r -> r.getBindResponseProtocolOp().getResultCode());
        if (code != ResultCode.SUCCESS_INT_VALUE && code != ResultCode.SASL_BIND_IN_PROGRESS_INT_VALUE
                && code != LdapOperationMeters.NO_RESULT) {
            meters.bindFailed(method(request), code);
        }
        return response;
    }

    private static BindMethod method(BindRequestProtocolOp request) {
        if (request.getCredentialsType() == BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            return BindMethod.SIMPLE;
        }
        return "EXTERNAL".equalsIgnoreCase(request.getSASLMechanism()) ? BindMethod.SASL_EXTERNAL : BindMethod.SASL_OTHER;
    }

    @Override
    public LDAPMessage processSearchRequest(int messageID, SearchRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processSearchRequest(messageID, request, controls);
        counted(Operation.SEARCH, response, r -> r.getSearchResultDoneProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processCompareRequest(int messageID, CompareRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processCompareRequest(messageID, request, controls);
        counted(Operation.COMPARE, response, r -> r.getCompareResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processExtendedRequest(int messageID, ExtendedRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processExtendedRequest(messageID, request, controls);
        counted(Operation.EXTENDED, response, r -> r.getExtendedResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processAddRequest(int messageID, AddRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processAddRequest(messageID, request, controls);
        counted(Operation.ADD, response, r -> r.getAddResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processModifyRequest(int messageID, ModifyRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processModifyRequest(messageID, request, controls);
        counted(Operation.MODIFY, response, r -> r.getModifyResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processDeleteRequest(int messageID, DeleteRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processDeleteRequest(messageID, request, controls);
        counted(Operation.DELETE, response, r -> r.getDeleteResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public LDAPMessage processModifyDNRequest(int messageID, ModifyDNRequestProtocolOp request, List<Control> controls) {
        LDAPMessage response = handler.processModifyDNRequest(messageID, request, controls);
        counted(Operation.MODDN, response, r -> r.getModifyDNResponseProtocolOp().getResultCode());
        return response;
    }

    @Override
    public void processAbandonRequest(int messageID, AbandonRequestProtocolOp request, List<Control> controls) {
        handler.processAbandonRequest(messageID, request, controls);
        meters.completed(Operation.ABANDON, LdapOperationMeters.NO_RESULT);
    }

    @Override
    public void processUnbindRequest(int messageID, UnbindRequestProtocolOp request, List<Control> controls) {
        handler.processUnbindRequest(messageID, request, controls);
        meters.completed(Operation.UNBIND, LdapOperationMeters.NO_RESULT);
    }

    private int counted(Operation operation, LDAPMessage response, ToIntFunction<LDAPMessage> resultCode) {
        int code = response == null ? LdapOperationMeters.NO_RESULT : resultCode.applyAsInt(response);
        meters.completed(operation, code);
        return code;
    }
}
