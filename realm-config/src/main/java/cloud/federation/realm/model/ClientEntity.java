package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A registered suite: an OpenID Connect client of one realm. The secret is kept only as a slow hash. */
@Entity
@Table(name = "suite_client")
public class ClientEntity extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "realm_id")
    public RealmEntity realm;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    public String name;

    @Column(length = 1000)
    public String description;

    public boolean enabled;

    @Column(name = "public_client")
    public boolean publicClient;

    @Column(name = "secret_hash")
    public String secretHash;

    /** {@link cloud.federation.realm.secrets.GeneratedSecretDigest} of the suite's LDAP password, if it has one. */
    @Column(name = "ldap_secret_hash")
    public String ldapSecretHash;

    @Column(name = "ldap_secret_rotated_at")
    public Instant ldapSecretRotatedAt;

    /** Hex SHA-256 of the DER client certificate the suite may bind with (SASL EXTERNAL), if registered. */
    @Column(name = "ldap_cert_sha256")
    public String ldapCertSha256;

    @Column(name = "ldap_cert_subject", length = 1000)
    public String ldapCertSubject;

    @Column(name = "ldap_cert_not_after")
    public Instant ldapCertNotAfter;

    @Column(name = "redirect_uris_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringList.class)
    public List<String> redirectUris = new ArrayList<>();

    @Column(name = "post_logout_uris_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringList.class)
    public List<String> postLogoutRedirectUris = new ArrayList<>();

    @Column(name = "attributes_json", nullable = false, length = 100000)
    @Convert(converter = JsonConverters.StringMap.class)
    public Map<String, String> attributes = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<ClientEntity> listByRealm(RealmEntity realm) {
        return list("realm = ?1 order by clientId", realm);
    }

    public static Optional<ClientEntity> findByClientId(RealmEntity realm, String clientId) {
        return find("realm = ?1 and clientId = ?2", realm, clientId).firstResultOptional();
    }

    public static Optional<ClientEntity> findInRealm(RealmEntity realm, String id) {
        return find("realm = ?1 and id = ?2", realm, id).firstResultOptional();
    }
}
