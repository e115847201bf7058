package cloud.federation.realm.client;

/** What a suite needs to bind to the directory facade; the password exists only in this answer (stored hashed). */
public record LdapCredential(String bindDn, String password) {
}
