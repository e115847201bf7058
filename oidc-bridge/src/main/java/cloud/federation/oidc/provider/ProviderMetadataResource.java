package cloud.federation.oidc.provider;

import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.Issuers;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenID Provider metadata of a realm, at Keycloak's path. It advertises exactly what we implement. */
@Path("/realms/{realm}/.well-known/openid-configuration")
public class ProviderMetadataResource {

    @Inject
    Issuers issuers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, Object> metadata(@PathParam("realm") String realmName, @Context UriInfo uri) {
        RealmEntity realm = RealmEntity.findEnabled(realmName)
                .orElseThrow(() -> ProblemException.notFound("Realm '" + realmName + "' does not exist"));
        String issuer = issuers.issuer(uri, realm.name);
        String oidc = issuer + "/protocol/openid-connect";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", oidc + "/auth");
        m.put("token_endpoint", oidc + "/token");
        m.put("userinfo_endpoint", oidc + "/userinfo");
        m.put("jwks_uri", oidc + "/certs");
        m.put("end_session_endpoint", oidc + "/logout");
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", List.of("openid", "email", "profile"));
        m.put("claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "auth_time", "nonce", "email",
                "email_verified", "name", "given_name", "family_name", "preferred_username", "idp", "amr", "acr", "sid"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        m.put("claims_parameter_supported", false);
        return m;
    }
}
