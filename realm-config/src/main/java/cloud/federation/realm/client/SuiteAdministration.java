package cloud.federation.realm.client;

import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.AdminPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * An admin's changes to a realm's suites, each recorded in the audit log in the same transaction: what the admin
 * API and the console both call, so a change looks the same in the log whichever way it was made. Secrets in a
 * recorded representation are masked by the audit log; generated secrets are returned to the caller only.
 */
@ApplicationScoped
public class SuiteAdministration {

    public static final String AUDIT_TYPE = "CLIENT";

    @Inject
    Clients clients;
    @Inject
    AuditLog audit;

    public static String auditPath(ClientEntity client) {
        return "clients/" + client.id;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ClientEntity require(RealmEntity realm, String id) {
        return ClientEntity.findInRealm(realm, id).orElseThrow(() ->
                ProblemException.notFound("Client '" + id + "' does not exist in realm '" + realm.name + "'"));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ClientEntity create(AdminPrincipal who, RealmEntity realm, ClientRepresentation rep) {
        ClientEntity client = clients.create(realm, rep);
        audit.record(who, realm.name, AuditLog.Operation.CREATE, AUDIT_TYPE, auditPath(client), rep);
        return client;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(AdminPrincipal who, ClientEntity client, ClientRepresentation rep) {
        clients.update(client, rep);
        audit.record(who, client.realm.name, AuditLog.Operation.UPDATE, AUDIT_TYPE, auditPath(client), rep);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(AdminPrincipal who, ClientEntity client) {
        String realm = client.realm.name;
        String path = auditPath(client);
        clients.delete(client);
        audit.record(who, realm, AuditLog.Operation.DELETE, AUDIT_TYPE, path, null);
    }

    /** A new client secret, to show once; the previous one stops working at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String regenerateSecret(AdminPrincipal who, ClientEntity client) {
        String secret = clients.regenerateSecret(client);
        audit.record(who, client.realm.name, AuditLog.Operation.ACTION, AUDIT_TYPE,
                auditPath(client) + "/client-secret", null);
        return secret;
    }

    /** The bind DN and a new LDAP password, to show once; calling again rotates it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LdapCredential rotateLdapCredential(AdminPrincipal who, ClientEntity client) {
        String password = clients.rotateLdapSecret(client);
        audit.record(who, client.realm.name, AuditLog.Operation.ACTION, AUDIT_TYPE,
                auditPath(client) + "/ldap-credential", null);
        return new LdapCredential(Clients.ldapBindDn(client), password);
    }
}
