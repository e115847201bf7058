package cloud.federation.server.console.suites;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.client.LdapCredential;
import cloud.federation.realm.client.SuiteAdministration;
import cloud.federation.realm.model.ClientEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.secrets.RandomSecrets;
import cloud.federation.realm.token.AdminPrincipal;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleReveals;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A realm's suites in the console: list, register, rotate secrets, switch on and off, edit redirect URLs. Changes go
 * through {@link SuiteAdministration}, as the admin API's do, so they are validated and audited the same way.
 * Generated secrets are answered directly to the POST (never through a redirect, which would need them stored).
 */
@Path(ConsoleSessionFilter.PREFIX + "/realms/{realm}/suites")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class ConsoleSuitesResource {

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    SuiteAdministration suites;
    @Inject
    ConsolePages pages;
    @Inject
    ConsoleReveals reveals;

    @PathParam("realm")
    String realmName;

    @GET
    public Response list() {
        return listPage(200, null, null, null);
    }

    @POST
    public Response register(@FormParam("csrf") String csrf, @FormParam("name") String name,
                             @FormParam("redirectUris") String redirectUris) {
        console.checkCsrf(csrf);
        String secret = RandomSecrets.urlSafe(32);
        ShownOnce shown;
        try {
            shown = QuarkusTransaction.requiringNew().call(() -> {
                RealmEntity realm = access.require(realmName);
                AdminPrincipal who = access.principal();
                ClientEntity client = suites.create(who, realm,
                        SuiteRegistrationForm.newSuite(name, redirectUris, secret));
                LdapCredential ldap = suites.rotateLdapCredential(who, client);
                return new ShownOnce("Suite registered", client.name, client.clientId, secret, ldap.bindDn(),
                        ldap.password());
            });
        } catch (ProblemException e) {
            if (!invalidInput(e)) {
                throw e;
            }
            // Nothing was created (the transaction rolled back); the form keeps what was typed.
            return listPage(e.status(), "Suite not registered: " + e.getMessage(), name, redirectUris);
        }
        return secretsPage(shown);
    }

    @POST
    @Path("{id}/client-secret")
    public Response rotateClientSecret(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        ShownOnce shown = QuarkusTransaction.requiringNew().call(() -> {
            ClientEntity client = suite(id);
            String secret = suites.regenerateSecret(access.principal(), client);
            return new ShownOnce("New client secret", displayName(client), client.clientId, secret, null, null);
        });
        return secretsPage(shown);
    }

    @POST
    @Path("{id}/ldap-credential")
    public Response rotateLdapPassword(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        ShownOnce shown = QuarkusTransaction.requiringNew().call(() -> {
            ClientEntity client = suite(id);
            LdapCredential ldap = suites.rotateLdapCredential(access.principal(), client);
            return new ShownOnce("New LDAP password", displayName(client), client.clientId, null, ldap.bindDn(),
                    ldap.password());
        });
        return secretsPage(shown);
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        return change(id, SuiteRegistrationForm.enabledChange(false));
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        return change(id, SuiteRegistrationForm.enabledChange(true));
    }

    @POST
    @Path("{id}/redirect-uris")
    public Response editRedirectUrls(@PathParam("id") String id, @FormParam("csrf") String csrf,
                                     @FormParam("redirectUris") String redirectUris) {
        console.checkCsrf(csrf);
        try {
            return change(id, SuiteRegistrationForm.redirectUrlsChange(redirectUris));
        } catch (ProblemException e) {
            if (!invalidInput(e)) {
                throw e;
            }
            return listPage(400, "Redirect URLs not changed: " + e.getMessage(), null, null);
        }
    }

    private Response change(String id, ClientRepresentation rep) {
        QuarkusTransaction.requiringNew().run(() -> suites.update(access.principal(), suite(id), rep));
        return ConsolePages.seeOther(suitesPath(realmName) + "#suite-" + id);
    }

    /** A refusal of what the admin typed, shown on the form; access refusals stay error pages. */
    private static boolean invalidInput(ProblemException e) {
        return e.status() == 400 || e.status() == 409;
    }

    private ClientEntity suite(String id) {
        return suites.require(access.require(realmName), id);
    }

    private static String displayName(ClientEntity client) {
        return client.name == null ? client.clientId : client.name;
    }

    /** Post/redirect/get: the secrets go to a one-time page of this session, so a reload cannot repeat the POST. */
    private Response secretsPage(ShownOnce shown) {
        return ConsolePages.seeOther(ConsoleSessionFilter.PREFIX + "/realms/" + realmName + "/suites/shown/"
                + reveals.seal(shown));
    }

    @GET
    @Path("shown/{reveal}")
    public Response shown(@PathParam("reveal") String reveal) {
        QuarkusTransaction.requiringNew().run(() -> access.require(realmName));
        return reveals.open(reveal, ShownOnce.class).map(this::renderSecrets)
                .orElseGet(() -> listPage(410, "These values were shown once already and are not kept; rotate the "
                        + "secret or password to get a new one.", null, null));
    }

    private Response renderSecrets(ShownOnce shown) {
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realm", new SuitesPage(realmName, java.util.List.of()));
        model.put("shown", shown);
        return pages.page(200, "suite-secrets.html", model);
    }

    private Response listPage(int status, String error, String name, String redirectUris) {
        SuitesPage page = QuarkusTransaction.requiringNew().call(() -> {
            RealmEntity realm = access.require(realmName);
            return new SuitesPage(realm.name, ClientEntity.listByRealm(realm).stream()
                    .sorted(Comparator.comparing((ClientEntity c) -> displayName(c).toLowerCase())
                            .thenComparing(c -> c.clientId))
                    .map(SuiteRow::of).toList());
        });
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realm", page);
        model.put("error", error);
        model.put("formName", name == null ? "" : name);
        model.put("formRedirectUris", redirectUris == null ? "" : redirectUris);
        return pages.page(status, "suites.html", model);
    }

    public static String suitesPath(String realm) {
        return ConsoleSessionFilter.PREFIX + "/realms/" + realm + "/suites";
    }
}
