package cloud.federation.realm.token;

/** Who is calling the admin API, from a verified access token. */
public record AdminPrincipal(String userId, String username, String managedRealm, String address) {

    public boolean isOperator() {
        return managedRealm == null;
    }

    public boolean mayAdminister(String realm) {
        return managedRealm == null || managedRealm.equals(realm);
    }
}
