package cloud.federation.server.console.realm;

import cloud.federation.realm.admin.AdminContext;
import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AuditLog;
import cloud.federation.realm.domain.DomainRepresentation;
import cloud.federation.realm.domain.Domains;
import cloud.federation.realm.model.DomainEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.realm.Realms;
import cloud.federation.server.console.ConsolePages;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's start page (the realms an admin may manage; operators create realms here), a realm's overview, and
 * its login domains. Changes go through the same services and audit log as the admin API.
 */
@Path(ConsoleSessionFilter.PREFIX)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class ConsoleRealmsResource {

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    AdminContext adminContext;
    @Inject
    Realms realms;
    @Inject
    Domains domains;
    @Inject
    AuditLog audit;
    @Inject
    RealmOverviewReader overview;
    @Inject
    ConsolePages pages;

    @GET
    public Response home() {
        if (!console.admin().isOperator()) {
            return ConsolePages.seeOther(realmPath(console.admin().managedRealm()));
        }
        return realmList(200, null);
    }

    @POST
    @Path("realms")
    public Response createRealm(@FormParam("csrf") String csrf, @FormParam("name") String name,
                                @FormParam("displayName") String displayName) {
        console.checkCsrf(csrf);
        adminContext.requireOperator();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                RealmRepresentation rep = new RealmRepresentation();
                rep.setRealm(name == null ? null : name.trim());
                rep.setDisplayName(displayName == null || displayName.isBlank() ? null : displayName.trim());
                rep.setEnabled(true);
                RealmEntity realm = realms.create(rep);
                audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, "REALM", "",
                        Realms.toRepresentation(realm));
            });
        } catch (ProblemException e) {
            return realmList(e.status(), e.getMessage());
        }
        return ConsolePages.seeOther(realmPath(name.trim()));
    }

    @GET
    @Path("realms/{realm}")
    public Response overview(@PathParam("realm") String realmName) {
        return overviewPage(realmName, 200, null);
    }

    @POST
    @Path("realms/{realm}/domains")
    public Response addDomain(@PathParam("realm") String realmName, @FormParam("csrf") String csrf,
                              @FormParam("name") String name, @FormParam("matchSubdomains") String subdomains,
                              @FormParam("verified") String verified) {
        console.checkCsrf(csrf);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                RealmEntity realm = access.require(realmName);
                DomainEntity domain = domains.add(realm, new DomainRepresentation(name, subdomains != null,
                        verified != null ? Boolean.TRUE : null, null, null, null, null, null), access.principal());
                audit.record(access.principal(), realm.name, AuditLog.Operation.CREATE, Domains.AUDIT_TYPE,
                        "domains/" + domain.name, domains.toRepresentation(domain));
            });
        } catch (ProblemException e) {
            return overviewPage(realmName, e.status(), "Domain not added: " + e.getMessage());
        }
        return ConsolePages.seeOther(realmPath(realmName) + "#domains");
    }

    @POST
    @Path("realms/{realm}/domains/{name}/verify")
    public Response verifyDomain(@PathParam("realm") String realmName, @PathParam("name") String name,
                                 @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        DomainRepresentation result = domains.verifyNow(realmName, () -> domain(realmName, name), access.principal());
        if (!Boolean.TRUE.equals(result.verified())) {
            return overviewPage(realmName, 200, "Domain " + result.name() + " is not verified yet: "
                    + (result.lastCheckError() == null ? "no matching TXT record" : result.lastCheckError()));
        }
        return ConsolePages.seeOther(realmPath(realmName) + "#domains");
    }

    @POST
    @Path("realms/{realm}/domains/{name}/delete")
    public Response deleteDomain(@PathParam("realm") String realmName, @PathParam("name") String name,
                                 @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        QuarkusTransaction.requiringNew().run(() -> {
            DomainEntity domain = domain(realmName, name);
            domain.delete();
            audit.record(access.principal(), realmName, AuditLog.Operation.DELETE, Domains.AUDIT_TYPE,
                    "domains/" + domain.name, null);
        });
        return ConsolePages.seeOther(realmPath(realmName) + "#domains");
    }

    private DomainEntity domain(String realmName, String name) {
        return domains.require(access.require(realmName), name);
    }

    private Response overviewPage(String realmName, int status, String error) {
        RealmOverview data = QuarkusTransaction.requiringNew().call(() -> overview.read(access.require(realmName)));
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realm", data);
        model.put("error", error);
        return pages.page(status, "realm.html", model);
    }

    private Response realmList(int status, String error) {
        List<RealmRepresentation> list = QuarkusTransaction.requiringNew().call(() ->
                RealmEntity.<RealmEntity>listAll().stream().filter(r -> console.admin().mayAdminister(r.name))
                        .sorted(Comparator.comparing(r -> r.name)).map(Realms::toRepresentation).toList());
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realms", list);
        model.put("error", error);
        return pages.page(status, "realms.html", model);
    }

    public static String realmPath(String realm) {
        return ConsoleSessionFilter.PREFIX + "/realms/" + realm;
    }
}
