package cloud.federation.server.console.users;

import cloud.federation.ldap.service.DirectoryBrowser;
import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.RealmName;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import com.unboundid.ldap.sdk.Entry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users a realm serves over LDAP, as this node's LDAP view holds them: a search with an LDAP filter, and an entry
 * exactly as a suite's search for every attribute gets it. Read from the in-memory view, never from the database.
 */
@Path(ConsoleSessionFilter.PREFIX + "/realms/{realm}/users")
public class ConsoleUsersResource {

    /** Most results a search page lists; the page says when there were more. */
    static final int CAP = 200;
    static final String DEFAULT_FILTER = "(objectClass=inetOrgPerson)";

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    DirectoryBrowser directory;
    @Inject
    ConsolePages pages;

    @PathParam("realm")
    String realm;

    @GET
    public Response search(@QueryParam("filter") String filter) {
        requireRealm();
        String text = filter == null || filter.isBlank() ? DEFAULT_FILTER : filter.strip();
        Map<String, Object> model = model();
        model.put("filter", text);
        try {
            DirectoryBrowser.Found found = directory.searchUsers(realm, text, CAP);
            model.put("users", found.entries().stream().map(this::row).toList());
            model.put("capped", found.capped());
            model.put("timedOut", found.timedOut());
            model.put("cap", CAP);
            return pages.page(200, "users.html", model);
        } catch (DirectoryBrowser.InvalidFilter e) {
            model.put("users", List.of());
            model.put("capped", false);
            model.put("timedOut", false);
            model.put("cap", CAP);
            model.put("error", e.getMessage());
            return pages.page(400, "users.html", model);
        }
    }

    @GET
    @Path("entry")
    public Response entry(@QueryParam("dn") String dn) {
        requireRealm();
        Entry entry = directory.entry(realm, dn == null ? "" : dn).orElseThrow(() ->
                ProblemException.notFound("No entry '" + dn + "' in the LDAP view of realm '" + realm + "'"));
        Map<String, Object> model = model();
        model.put("dn", entry.getDN());
        model.put("ldif", LdifText.of(entry));
        return pages.page(200, "user-entry.html", model);
    }

    private UserRow row(Entry e) {
        return new UserRow(e.getDN(), e.getAttributeValue("cn"), e.getAttributeValue("mail"),
                ConsoleSessionFilter.PREFIX + "/realms/" + realm + "/users/entry?dn="
                        + URLEncoder.encode(e.getDN(), StandardCharsets.UTF_8));
    }

    private Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realm", new RealmName(realm));
        model.put("error", null);
        return model;
    }

    /** Only a realm this admin manages; the view itself knows nothing of admins. */
    private void requireRealm() {
        QuarkusTransaction.requiringNew().run(() -> access.require(realm));
    }
}
