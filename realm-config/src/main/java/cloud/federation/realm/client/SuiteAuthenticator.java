package cloud.federation.realm.client;

import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.secrets.Digests;
import cloud.federation.realm.secrets.PasswordHasher;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/** Authenticates a suite by its client id and secret, with the same slow-down as admin logins. */
@ApplicationScoped
public class SuiteAuthenticator {

    @Inject
    PasswordHasher hasher;
    @Inject
    LoginThrottle throttle;

    private volatile String decoy;
    /**
     * Secrets already proven against their slow hash, as SHA-256 in memory only: a suite redeeming codes all day pays
     * for PBKDF2 once per secret, not once per request. A rotated secret has a new hash, so old entries never match.
     */
    private final Map<String, byte[]> proven = new ConcurrentHashMap<>();
    private static final int PROVEN_MAX = 10_000;

    /** In one realm (token endpoint). */
    public Optional<ClientEntity> authenticate(RealmEntity realm, ClientCredentials credentials, String address) {
        return check(ClientEntity.findByClientId(realm, credentials.clientId()).map(List::of).orElse(List.of()),
                credentials, address, realm.name);
    }

    /** In whichever realm registered that client id (discovery, before the realm is known). */
    public Optional<ClientEntity> authenticateAnywhere(ClientCredentials credentials, String address) {
        return check(ClientEntity.list("clientId", credentials.clientId()), credentials, address, "*");
    }

    private Optional<ClientEntity> check(List<ClientEntity> candidates, ClientCredentials credentials, String address,
                                         String realmKey) {
        String clientKey = LoginThrottle.userKey("client@" + realmKey, credentials.clientId());
        String addressKey = LoginThrottle.addressKey(address);
        if (throttle.isLocked(clientKey, addressKey)) {
            return Optional.empty();
        }
        Optional<ClientEntity> match = Optional.empty();
        for (ClientEntity client : candidates) {
            if (client.enabled && !client.publicClient && client.secretHash != null
                    && verifySecret(credentials.secret(), client.secretHash)) {
                match = Optional.of(client);
                break;
            }
        }
        if (candidates.isEmpty()) {
            hasher.verify(credentials.secret(), decoy()); // same cost as a real check
        }
        if (match.isEmpty()) {
            throttle.recordFailure(clientKey, addressKey);
        }
        return match;
    }

    private boolean verifySecret(String secret, String secretHash) {
        byte[] presented = Digests.sha256(secret);
        byte[] known = proven.get(secretHash);
        if (known != null) {
            return MessageDigest.isEqual(known, presented);
        }
        if (!hasher.verify(secret, secretHash)) {
            return false;
        }
        if (proven.size() >= PROVEN_MAX) {
            proven.clear();
        }
        proven.put(secretHash, presented);
        return true;
    }

    private String decoy() {
        String value = decoy;
        if (value == null) {
            value = hasher.hash(RandomSecrets.urlSafe(16));
            decoy = value;
        }
        return value;
    }
}
