package cloud.federation.realm.idp;

import cloud.federation.realm.audit.SecretScrubber;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.IdpMapperEntity;
import cloud.federation.realm.model.JsonConverters;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.SecretCipher;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Identity providers and their mappers: persistence with secret config sealed under the master key. */
@ApplicationScoped
public class IdentityProviders {

    /** Resource type of identity providers in the admin events. */
    public static final String AUDIT_TYPE = "IDENTITY_PROVIDER";

    @Inject
    SecretCipher cipher;

    @Transactional(Transactional.TxType.MANDATORY)
    public IdentityProviderEntity create(RealmEntity realm, IdentityProviderRepresentation rep) {
        Map<String, String> config = IdentityProviderRepresentations.validate(rep);
        config.remove(IdentityProviderRepresentations.WARNINGS_KEY);
        if (IdentityProviderEntity.findByAlias(realm, rep.getAlias()).isPresent()) {
            throw ProblemException.conflict("Identity provider '" + rep.getAlias() + "' already exists in realm '"
                    + realm.name + "'");
        }
        IdentityProviderEntity idp = new IdentityProviderEntity();
        idp.id = UUID.randomUUID().toString();
        idp.realm = realm;
        idp.alias = rep.getAlias();
        idp.providerId = rep.getProviderId();
        idp.createdAt = Instant.now();
        apply(idp, rep, config);
        idp.persist();
        return idp;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(IdentityProviderEntity idp, IdentityProviderRepresentation rep) {
        if (rep.getAlias() != null && !rep.getAlias().equals(idp.alias)) {
            throw ProblemException.badRequest("alias: cannot be changed (was '" + idp.alias + "')");
        }
        rep.setAlias(idp.alias);
        if (rep.getProviderId() == null) {
            rep.setProviderId(idp.providerId);
        } else if (!rep.getProviderId().equals(idp.providerId)) {
            throw ProblemException.badRequest("providerId: cannot be changed (was '" + idp.providerId + "')");
        }
        Map<String, String> config = IdentityProviderRepresentations.validate(rep);
        config.remove(IdentityProviderRepresentations.WARNINGS_KEY);
        Map<String, String> oldSecrets = secrets(idp);
        boolean endpointsChanged = ServerFetchedEndpoints.KEYS.stream()
                .anyMatch(k -> !java.util.Objects.equals(blankToNull(config.get(k)), blankToNull(idp.config.get(k))));
        if (endpointsChanged && config.values().stream().anyMatch(SecretScrubber.MASK::equals)) {
            // Otherwise whoever may edit the provider could send the stored secret to a server of their choosing.
            throw ProblemException.badRequest("config: the endpoints changed, so enter the client secret again "
                    + "instead of the masked value");
        }
        // A masked value sent back unchanged (as GET showed it) keeps the stored secret.
        config.replaceAll((k, v) -> SecretScrubber.MASK.equals(v) && oldSecrets.containsKey(k) ? oldSecrets.get(k) : v);
        apply(idp, rep, config);
    }

    private void apply(IdentityProviderEntity idp, IdentityProviderRepresentation rep, Map<String, String> config) {
        idp.enabled = rep.isEnabled();
        idp.displayName = rep.getDisplayName();
        idp.trustEmail = rep.isTrustEmail();
        idp.hideOnLogin = rep.isHideOnLogin();
        idp.priority = IdentityProviderRepresentations.priority(config);
        idp.config = IdentityProviderRepresentations.publicPart(config);
        Map<String, String> secrets = IdentityProviderRepresentations.secretPart(config);
        idp.secretConfig = secrets.isEmpty() ? null : cipher.encrypt(JsonConverters.write(secrets), purpose(idp));
    }

    /** Removes the provider and its mappers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(IdentityProviderEntity idp) {
        IdpMapperEntity.delete("identityProvider", idp);
        idp.delete();
    }

    /** Decrypted secret config (e.g. the upstream clientSecret) for the protocol bridges. */
    public Map<String, String> secrets(IdentityProviderEntity idp) {
        if (idp.secretConfig == null) {
            return new LinkedHashMap<>();
        }
        return JsonConverters.read(cipher.decrypt(idp.secretConfig, purpose(idp)),
                new TypeReference<LinkedHashMap<String, String>>() { });
    }

    public IdentityProviderRepresentation toRepresentation(IdentityProviderEntity idp) {
        return IdentityProviderRepresentations.toRepresentation(idp, secrets(idp).keySet());
    }

    public IdentityProviderEntity require(RealmEntity realm, String alias) {
        return IdentityProviderEntity.findByAlias(realm, alias).orElseThrow(() -> ProblemException.notFound(
                "Identity provider '" + alias + "' does not exist in realm '" + realm.name + "'"));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public IdpMapperEntity addMapper(IdentityProviderEntity idp, IdentityProviderMapperRepresentation rep) {
        IdentityProviderRepresentations.validate(rep);
        if (rep.getIdentityProviderAlias() != null && !rep.getIdentityProviderAlias().equals(idp.alias)) {
            throw ProblemException.badRequest("identityProviderAlias: '" + rep.getIdentityProviderAlias()
                    + "' does not match the path's '" + idp.alias + "'");
        }
        if (IdpMapperEntity.count("identityProvider = ?1 and name = ?2", idp, rep.getName()) > 0) {
            throw ProblemException.conflict("Mapper '" + rep.getName() + "' already exists on '" + idp.alias + "'");
        }
        IdpMapperEntity mapper = new IdpMapperEntity();
        mapper.id = UUID.randomUUID().toString();
        mapper.identityProvider = idp;
        mapper.name = rep.getName();
        mapper.mapperType = rep.getIdentityProviderMapper();
        mapper.config = new LinkedHashMap<>(rep.getConfig() == null ? Map.of() : rep.getConfig());
        mapper.persist();
        return mapper;
    }

    public List<IdpMapperEntity> mappers(IdentityProviderEntity idp) {
        return IdpMapperEntity.listByProvider(idp);
    }

    private static String purpose(IdentityProviderEntity idp) {
        return "identity_provider/" + idp.id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
