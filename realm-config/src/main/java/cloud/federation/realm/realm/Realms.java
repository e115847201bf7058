package cloud.federation.realm.realm;

import cloud.federation.realm.admin.Validation;
import cloud.federation.realm.api.DirectoryVersionCounter;
import cloud.federation.realm.client.Clients;
import cloud.federation.realm.idp.IdentityProviders;
import cloud.federation.realm.keys.KeyMaterial;
import cloud.federation.realm.keys.RealmKeys;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.IdpMapperEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.model.SigningKeyEntity;
import cloud.federation.realm.pages.PageContext;
import cloud.federation.realm.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Realm lifecycle: creation (optionally from a full Keycloak realm export), update, export. */
@ApplicationScoped
public class Realms {

    /** Keycloak's built-in clients appear in every export; they are Keycloak's own, not suites. */
    static final Set<String> KEYCLOAK_BUILTIN_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            "realm-management", "security-admin-console");

    @Inject
    RealmKeys keys;
    @Inject
    IdentityProviders providers;
    @Inject
    Clients clients;
    @Inject
    DirectoryVersionCounter directoryVersions;

    /** Creates the realm and everything its representation carries, all or nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RealmEntity create(RealmRepresentation rep) {
        if (rep == null) {
            throw ProblemException.badRequest("A JSON realm representation is required");
        }
        Validation.requirePathName("realm", rep.getRealm());
        if (RealmEntity.findByName(rep.getRealm()).isPresent()) {
            throw ProblemException.conflict("Realm '" + rep.getRealm() + "' already exists");
        }
        RealmEntity realm = new RealmEntity();
        realm.id = UUID.randomUUID().toString();
        realm.name = rep.getRealm();
        realm.createdAt = Instant.now();
        realm.enabled = Boolean.TRUE.equals(rep.isEnabled());
        realm.displayName = rep.getDisplayName();
        if (rep.getAttributes() != null) {
            realm.attributes = validAttributes(rep.getAttributes());
        }
        realm.persist();
        directoryVersions.bump(realm.id, realm.createdAt);
        keys.add(realm, KeyMaterial.RS256, SigningKeyEntity.Status.ACTIVE);
        keys.add(realm, KeyMaterial.ES256, SigningKeyEntity.Status.ACTIVE);

        Map<String, IdentityProviderEntity> byAlias = new HashMap<>();
        List<IdentityProviderRepresentation> idps = rep.getIdentityProviders() == null ? List.of() : rep.getIdentityProviders();
        for (int i = 0; i < idps.size(); i++) {
            IdentityProviderRepresentation idpRep = idps.get(i);
            IdentityProviderEntity idp = withField("identityProviders[" + i + "].", () -> providers.create(realm, idpRep));
            byAlias.put(idp.alias, idp);
        }
        List<IdentityProviderMapperRepresentation> mappers = rep.getIdentityProviderMappers() == null ? List.of()
                : rep.getIdentityProviderMappers();
        for (int i = 0; i < mappers.size(); i++) {
            IdentityProviderMapperRepresentation mapper = mappers.get(i);
            IdentityProviderEntity idp = byAlias.get(mapper.getIdentityProviderAlias());
            if (idp == null) {
                throw ProblemException.badRequest("identityProviderMappers[" + i + "].identityProviderAlias: '"
                        + mapper.getIdentityProviderAlias() + "' is not an identity provider of this realm");
            }
            withField("identityProviderMappers[" + i + "].", () -> providers.addMapper(idp, mapper));
        }
        List<ClientRepresentation> clientReps = rep.getClients() == null ? List.of() : rep.getClients();
        for (int i = 0; i < clientReps.size(); i++) {
            ClientRepresentation client = clientReps.get(i);
            if (client.getClientId() != null && KEYCLOAK_BUILTIN_CLIENTS.contains(client.getClientId())) {
                continue;
            }
            withField("clients[" + i + "].", () -> clients.create(realm, client));
        }
        return realm;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(RealmEntity realm, RealmRepresentation rep) {
        if (rep == null) {
            throw ProblemException.badRequest("A JSON realm representation is required");
        }
        if (rep.getRealm() != null && !rep.getRealm().equals(realm.name)) {
            throw ProblemException.badRequest("realm: renaming is not supported (it names LDAP entries and issuers)");
        }
        if (rep.isEnabled() != null) {
            if (!rep.isEnabled() && RealmEntity.isMaster(realm)) {
                throw ProblemException.badRequest("enabled: the master realm cannot be disabled");
            }
            realm.enabled = rep.isEnabled();
        }
        if (rep.getDisplayName() != null) {
            realm.displayName = rep.getDisplayName();
        }
        if (rep.getAttributes() != null) {
            realm.attributes = validAttributes(rep.getAttributes());
        }
        directoryVersions.bump(realm.id, Instant.now());
    }

    /** Realm attributes we interpret must hold a value we understand; the rest are kept as given. */
    private static Map<String, String> validAttributes(Map<String, String> attributes) {
        String rdn = attributes.get(RealmEntity.LDAP_USER_RDN);
        if (rdn != null && !rdn.equals("uid") && !rdn.equals("mail")) {
            throw ProblemException.badRequest("attributes." + RealmEntity.LDAP_USER_RDN
                    + ": 'uid' or 'mail' (how LDAP names user entries), not '" + rdn + "'");
        }
        String logo = attributes.get(PageContext.LOGO_ATTRIBUTE);
        if (logo != null && PageContext.validLogoUrl(logo).isEmpty()) {
            throw ProblemException.badRequest("attributes." + PageContext.LOGO_ATTRIBUTE + ": an https URL of at most "
                    + PageContext.LOGO_URL_MAX + " characters (the logo on the realm's sign-in pages)");
        }
        return new LinkedHashMap<>(attributes);
    }

    public static RealmRepresentation toRepresentation(RealmEntity realm) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setId(realm.id);
        rep.setRealm(realm.name);
        rep.setDisplayName(realm.displayName);
        rep.setEnabled(realm.enabled);
        rep.setSslRequired("external");
        if (!realm.attributes.isEmpty()) {
            rep.setAttributes(new LinkedHashMap<>(realm.attributes));
        }
        return rep;
    }

    /** The realm with its identity providers, mappers and (optionally) clients; secrets masked or absent. */
    public RealmRepresentation export(RealmEntity realm, boolean withClients) {
        RealmRepresentation rep = toRepresentation(realm);
        List<IdentityProviderRepresentation> idps = new ArrayList<>();
        List<IdentityProviderMapperRepresentation> mappers = new ArrayList<>();
        for (IdentityProviderEntity idp : IdentityProviderEntity.listByRealm(realm)) {
            idps.add(providers.toRepresentation(idp));
            IdpMapperEntity.listByProvider(idp).forEach(m ->
                    mappers.add(cloud.federation.realm.idp.IdentityProviderRepresentations.toRepresentation(m)));
        }
        rep.setIdentityProviders(idps);
        rep.setIdentityProviderMappers(mappers);
        if (withClients) {
            rep.setClients(ClientEntity.listByRealm(realm).stream().map(Clients::toRepresentation).toList());
        }
        return rep;
    }

    private static <T> T withField(String prefix, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ProblemException e) {
            throw new ProblemException(e.status(), e.title(), prefix + e.getMessage());
        }
    }
}
