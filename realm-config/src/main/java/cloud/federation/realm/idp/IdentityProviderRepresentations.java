package cloud.federation.realm.idp;

import cloud.federation.realm.admin.Validation;
import cloud.federation.realm.audit.SecretScrubber;
import cloud.federation.realm.domain.DomainName;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.IdpMapperEntity;
import cloud.federation.realm.problem.ProblemException;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Keycloak identity provider representations in and out of our model, with validation. */
public final class IdentityProviderRepresentations {

    public static final Set<String> PROTOCOLS = Set.of("saml", "oidc", "webex");
    /** Keycloak's home-IdP-discovery extension key; values separated by {@code ##}. */
    public static final String DOMAINS_KEY = "home.idp.discovery.domains";
    public static final String PRIORITY_KEY = "guiOrder";
    /** Config keys whose values are sealed at rest and masked on the way out. */
    public static final Set<String> SECRET_CONFIG_KEYS = Set.of("clientSecret");
    /** Computed on read, never stored: what an admin should know about this provider's security settings. */
    public static final String WARNINGS_KEY = "federation.warnings";

    /** Config keys holding endpoint URLs; each must be an absolute http(s) URL. */
    static final Set<String> URL_KEYS = Set.of("singleSignOnServiceUrl", "singleLogoutServiceUrl", "authorizationUrl",
            "tokenUrl", "userInfoUrl", "jwksUrl", "logoutUrl", "metadataDescriptorUrl", "issuer");

    private IdentityProviderRepresentations() {
    }

    /** Checks a representation and returns its config with the domains list normalised. */
    public static Map<String, String> validate(IdentityProviderRepresentation rep) {
        Validation.requirePathName("alias", rep.getAlias());
        String protocol = Validation.require("providerId", rep.getProviderId());
        if (!PROTOCOLS.contains(protocol)) {
            throw ProblemException.badRequest("providerId: '" + protocol + "' is not supported (saml, oidc, webex)");
        }
        Map<String, String> config = new LinkedHashMap<>(rep.getConfig() == null ? Map.of() : rep.getConfig());
        switch (protocol) {
            case "saml" -> Validation.requireHttpUrl("config.singleSignOnServiceUrl", config.get("singleSignOnServiceUrl"));
            case "oidc" -> {
                // Either explicit endpoints, or an issuer whose discovery document supplies them.
                if (isBlank(config.get("issuer"))) {
                    Validation.requireHttpUrl("config.authorizationUrl", config.get("authorizationUrl"));
                    Validation.requireHttpUrl("config.tokenUrl", config.get("tokenUrl"));
                }
                Validation.require("config.clientId", config.get("clientId"));
            }
            default -> { }
        }
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (URL_KEYS.contains(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                Validation.requireHttpUrl("config." + e.getKey(), e.getValue());
            }
        }
        if (config.containsKey(PRIORITY_KEY) && !config.get(PRIORITY_KEY).isBlank()) {
            priority(config);
        }
        if (config.containsKey(DOMAINS_KEY)) {
            config.put(DOMAINS_KEY, normaliseDomains(config.get(DOMAINS_KEY)));
        }
        return config;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public static int priority(Map<String, String> config) {
        String raw = config.get(PRIORITY_KEY);
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("config.guiOrder: '" + raw + "' is not an integer");
        }
    }

    private static String normaliseDomains(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split("##")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(DomainName.parse(part).value());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("config." + DOMAINS_KEY + ": " + e.getMessage());
            }
        }
        return String.join("##", out);
    }

    /** Splits config into what is stored plainly and what is sealed. */
    public static Map<String, String> publicPart(Map<String, String> config) {
        return config.entrySet().stream().filter(e -> !SECRET_CONFIG_KEYS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    public static Map<String, String> secretPart(Map<String, String> config) {
        return config.entrySet().stream().filter(e -> SECRET_CONFIG_KEYS.contains(e.getKey()) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    /** Representation as the admin API shows it: secret values masked as Keycloak does. */
    public static IdentityProviderRepresentation toRepresentation(IdentityProviderEntity idp, Set<String> secretKeys) {
        IdentityProviderRepresentation rep = new IdentityProviderRepresentation();
        rep.setInternalId(idp.id);
        rep.setAlias(idp.alias);
        rep.setProviderId(idp.providerId);
        rep.setEnabled(idp.enabled);
        rep.setDisplayName(idp.displayName);
        rep.setTrustEmail(idp.trustEmail);
        rep.setHideOnLogin(idp.hideOnLogin);
        rep.setUpdateProfileFirstLoginMode("on");
        rep.setFirstBrokerLoginFlowAlias("first broker login");
        Map<String, String> config = new LinkedHashMap<>(idp.config);
        secretKeys.forEach(k -> config.put(k, SecretScrubber.MASK));
        config.remove(WARNINGS_KEY);
        warnings(idp).ifPresent(w -> config.put(WARNINGS_KEY, w));
        rep.setConfig(config);
        return rep;
    }

    static java.util.Optional<String> warnings(IdentityProviderEntity idp) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        if ("true".equals(idp.config.get("allowSha1"))) {
            warnings.add("SHA-1 signatures are accepted from this identity provider (allowSha1=true)");
        }
        if ("saml".equals(idp.providerId) && !"true".equals(idp.config.get("validateSignature"))
                && idp.config.get("signingCertificate") == null) {
            warnings.add("No signing certificate: every response from this identity provider will be refused");
        }
        return warnings.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", warnings));
    }

    public static IdentityProviderMapperRepresentation toRepresentation(IdpMapperEntity mapper) {
        IdentityProviderMapperRepresentation rep = new IdentityProviderMapperRepresentation();
        rep.setId(mapper.id);
        rep.setName(mapper.name);
        rep.setIdentityProviderAlias(mapper.identityProvider.alias);
        rep.setIdentityProviderMapper(mapper.mapperType);
        rep.setConfig(new LinkedHashMap<>(mapper.config));
        return rep;
    }

    public static void validate(IdentityProviderMapperRepresentation rep) {
        Validation.require("name", rep.getName());
        Validation.require("identityProviderMapper", rep.getIdentityProviderMapper());
    }
}
