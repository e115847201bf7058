package cloud.federation.server.console.events;

import cloud.federation.realm.login.LoginEventEntity;

/** One sign-on outcome: the reference is what the user's refusal page showed, so support can find it here. */
public record SignOnEventRow(String id, String time, String type, String clientId, String identityProvider,
                             String emailDomain, String reason, String reference, String address) {

    static SignOnEventRow of(LoginEventEntity e) {
        return new SignOnEventRow(e.id, e.time.toString(), e.type, e.clientId, e.idpAlias, e.emailDomain, e.reason,
                e.reference, e.address);
    }
}
