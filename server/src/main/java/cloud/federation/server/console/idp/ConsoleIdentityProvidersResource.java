package cloud.federation.server.console.idp;

import cloud.federation.realm.FederationConfig;
import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.idp.IdentityProviders;
import cloud.federation.realm.idp.IdpConfigImport;
import cloud.federation.realm.idp.ServerFetchedEndpoints;
import cloud.federation.realm.idp.TestSignInLinks;
import cloud.federation.realm.model.IdentityProviderEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.token.Issuers;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.RealmName;
import cloud.federation.server.console.realm.ConsoleRealmsResource;
import cloud.federation.server.console.realm.RealmOverview;
import cloud.federation.server.console.realm.RealmOverviewReader;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The identity-provider wizard: SAML (metadata by URL or upload), OpenID Connect (issuer, client id and secret),
 * Webex; each provider's page shows what to paste into the IdP and runs a test sign-in.
 */
@Path(ConsoleSessionFilter.PREFIX + "/realms/{realm}/identity-providers")
public class ConsoleIdentityProvidersResource {

    static final String TYPE = IdentityProviders.AUDIT_TYPE;

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    IdentityProviders providers;
    @Inject
    IdpConfigImport importer;
    @Inject
    TestSignInLinks testSignIns;
    @Inject
    AuditLog audit;
    @Inject
    Issuers issuers;
    @Inject
    FederationConfig federation;
    @Inject
    RealmOverviewReader overview;
    @Inject
    ConsolePages pages;
    @Context
    UriInfo uri;
    @PathParam("realm")
    String realmName;

    @GET
    public Response list() {
        // Only the list shows each provider's state; the other pages need no more than the realm's name.
        RealmOverview realm = QuarkusTransaction.requiringNew().call(() -> overview.read(access.require(realmName)));
        return page(200, "idps.html", null, Map.of("realm", realm));
    }

    @GET
    @Path("new")
    public Response wizard() {
        return wizardPage(200, null);
    }

    @POST
    @Path("new/saml")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response createSaml(@RestForm("csrf") String csrf, @RestForm("alias") String alias,
                               @RestForm("displayName") String displayName, @RestForm("metadataUrl") String metadataUrl,
                               @RestForm("metadataFile") FileUpload file) {
        console.checkCsrf(csrf);
        return create(alias, () -> {
            Map<String, String> config = new LinkedHashMap<>();
            if (metadataUrl != null && !metadataUrl.isBlank()) {
                config.putAll(importer.fromUrl("saml", metadataUrl, access.principal()));
                // Re-read on the refresh schedule, so the IdP's certificate rollover needs no admin.
                config.put("useMetadataDescriptorUrl", "true");
                config.put("metadataDescriptorUrl", metadataUrl.trim());
            } else if (file != null && file.size() > 0) {
                config.putAll(importer.fromDocument("saml", read(file)));
            } else {
                throw ProblemException.badRequest("Give the IdP's metadata URL or upload its metadata file");
            }
            return representation(alias, displayName, "saml", config);
        });
    }

    @POST
    @Path("new/oidc")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createOidc(@FormParam("csrf") String csrf, @FormParam("alias") String alias,
                               @FormParam("displayName") String displayName, @FormParam("issuer") String issuer,
                               @FormParam("clientId") String clientId, @FormParam("clientSecret") String clientSecret) {
        console.checkCsrf(csrf);
        return create(alias, () -> {
            if (issuer == null || issuer.isBlank()) {
                throw ProblemException.badRequest("issuer: the provider's issuer URL is required");
            }
            String base = issuer.trim().replaceAll("/+$", "");
            Map<String, String> config = new LinkedHashMap<>(importer.fromUrl("oidc", base + "/.well-known/openid-configuration", access.principal()));
            config.put("clientId", required("clientId", clientId));
            config.put("clientSecret", required("clientSecret", clientSecret));
            return representation(alias, displayName, "oidc", config);
        });
    }

    @POST
    @Path("new/webex")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createWebex(@FormParam("csrf") String csrf, @FormParam("clientId") String clientId,
                                @FormParam("clientSecret") String clientSecret) {
        console.checkCsrf(csrf);
        return create("webex", () -> {
            Map<String, String> config = new LinkedHashMap<>();
            if (serviceWebexIntegration()) {
                // The one switch: a marker, not a copy of the operator's secret (read at each login instead).
                config.put("serviceIntegration", "true");
            } else {
                config.put("clientId", required("clientId", clientId));
                config.put("clientSecret", required("clientSecret", clientSecret));
            }
            return representation("webex", "Webex", "webex", config);
        });
    }

    private boolean serviceWebexIntegration() {
        return federation.webex().clientId().isPresent() && federation.webex().clientSecret().isPresent();
    }

    @GET
    @Path("{alias}")
    public Response detail(@PathParam("alias") String alias) {
        return detailPage(alias, 200, null);
    }

    @POST
    @Path("{alias}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setEnabled(@PathParam("alias") String alias, @FormParam("csrf") String csrf,
                               @FormParam("enabled") String enabled) {
        console.checkCsrf(csrf);
        QuarkusTransaction.requiringNew().run(() -> {
            IdentityProviderEntity idp = providers.require(access.require(realmName), alias);
            IdentityProviderRepresentation rep = providers.toRepresentation(idp);
            rep.setEnabled("true".equals(enabled));
            providers.update(idp, rep);
            audit.record(access.principal(), realmName, AuditLog.Operation.UPDATE, TYPE, path(alias), rep);
        });
        return ConsolePages.seeOther(consolePath(alias));
    }

    @POST
    @Path("{alias}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("alias") String alias, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        QuarkusTransaction.requiringNew().run(() -> {
            providers.delete(providers.require(access.require(realmName), alias));
            audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, TYPE, path(alias), null);
        });
        return ConsolePages.seeOther(ConsoleRealmsResource.realmPath(realmName) + "#identity-providers");
    }

    /**
     * "Test sign-in": the page posts this form into a new tab, which is redirected to a one-time start link. The
     * link only starts a login in this browser and shows its result here; it signs nobody into a suite. A POST with
     * the CSRF token, because it mints a credential and writes an audit event.
     */
    @POST
    @Path("{alias}/test-sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response testSignIn(@PathParam("alias") String alias, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        String link = QuarkusTransaction.requiringNew().call(() ->
                testSignIns.create(access.require(realmName), alias, access.principal(), uri).url());
        return ConsolePages.secured(Response.seeOther(URI.create(link))).build();
    }

    private Response create(String alias, Supplier<IdentityProviderRepresentation> build) {
        // Access first: the import may fetch a URL, and nobody but the realm's admins may make us fetch one for it.
        QuarkusTransaction.requiringNew().run(() -> access.require(realmName));
        try {
            // The import may fetch a URL: outside the transaction that then creates the provider.
            IdentityProviderRepresentation rep = build.get();
            ServerFetchedEndpoints.check(rep.getConfig(), access.principal());
            QuarkusTransaction.requiringNew().run(() -> {
                RealmEntity realm = access.require(realmName);
                providers.create(realm, rep);
                audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, TYPE, path(rep.getAlias()), rep);
            });
        } catch (ProblemException e) {
            return wizardPage(e.status(), "Identity provider not added: " + e.getMessage());
        }
        return ConsolePages.seeOther(consolePath(alias.trim()));
    }

    private static IdentityProviderRepresentation representation(String alias, String displayName, String providerId,
                                                                  Map<String, String> config) {
        if ("new".equals(alias == null ? null : alias.trim())) {
            throw ProblemException.badRequest("alias: 'new' is reserved by the console (its wizard's address)");
        }
        IdentityProviderRepresentation rep = new IdentityProviderRepresentation();
        rep.setAlias(required("alias", alias).trim());
        rep.setDisplayName(displayName == null || displayName.isBlank() ? null : displayName.trim());
        rep.setProviderId(providerId);
        rep.setEnabled(true);
        rep.setConfig(config);
        return rep;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + ": is required");
        }
        return value;
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response wizardPage(int status, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("sp", ServiceProviderValues.of(issuers.issuer(uri, realmName), "<alias>"));
        model.put("webexIntegration", serviceWebexIntegration());
        return page(status, "idp-new.html", error, model);
    }

    private Response detailPage(String alias, int status, String error) {
        Map<String, Object> model = new HashMap<>();
        IdentityProviderRepresentation rep = QuarkusTransaction.requiringNew().call(() ->
                providers.toRepresentation(providers.require(access.require(realmName), alias)));
        model.put("idp", rep);
        model.put("realm", new RealmName(realmName)); // access checked with the read above
        model.put("sp", ServiceProviderValues.of(issuers.issuer(uri, realmName), rep.getAlias()));
        return page(status, "idp.html", error, model);
    }

    private Response page(int status, String template, String error, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        if (!model.containsKey("realm")) {
            QuarkusTransaction.requiringNew().run(() -> access.require(realmName));
            model.put("realm", new RealmName(realmName));
        }
        model.put("console", console);
        model.put("error", error);
        return pages.page(status, template, model);
    }

    private String consolePath(String alias) {
        return ConsoleRealmsResource.realmPath(realmName) + "/identity-providers/" + alias;
    }

    private static String path(String alias) {
        return "identity-provider/instances/" + alias;
    }
}
