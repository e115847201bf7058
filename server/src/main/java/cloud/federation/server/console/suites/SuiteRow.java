package cloud.federation.server.console.suites;

import cloud.federation.realm.model.ClientEntity;

import java.util.List;

/** One suite as the suites page lists it: never a secret, only whether an LDAP credential exists. */
public record SuiteRow(String id, String clientId, String name, boolean enabled, List<String> redirectUris,
                       boolean ldapCredential, String ldapSecretRotatedAt) {

    static SuiteRow of(ClientEntity c) {
        return new SuiteRow(c.id, c.clientId, c.name == null ? c.clientId : c.name, c.enabled,
                List.copyOf(c.redirectUris), c.ldapSecretHash != null,
                c.ldapSecretRotatedAt == null ? null : c.ldapSecretRotatedAt.toString());
    }

    /** The redirect URLs as the edit form shows them, one a line. */
    public String redirectUrlsText() {
        return String.join("\n", redirectUris);
    }
}
