package cloud.federation.server.console.directory;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.RealmName;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import cloud.federation.sync.filter.InvalidFilterException;
import cloud.federation.sync.source.DirectorySourceAdmin;
import cloud.federation.sync.source.DirectorySourceRepresentation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.Map;

/**
 * A realm's directory sources in the console: the list, the create and edit forms, the filter preview, manual runs,
 * run history with held-run confirmation, enable/disable and delete. Every change goes through
 * {@link DirectorySourceAdmin}, the service behind the admin API, so both record the same audit events.
 */
@Path(ConsoleSessionFilter.PREFIX + "/realms/{realm}/directory-sources")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class ConsoleDirectorySourcesResource {

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    DirectorySourceAdmin sources;
    @Inject
    SourceViews views;
    @Inject
    ConsolePages pages;

    @PathParam("realm")
    String realm;

    @GET
    public Response list() {
        return listPage(200, null);
    }

    @GET
    @Path("new")
    public Response newSource(@QueryParam("type") String type) {
        requireRealm();
        String kind = requireKind(type);
        return sourcePage(200, views.blank(kind, null, console.admin().isOperator()), null);
    }

    @POST
    public Response create(@FormParam("csrf") String csrf, @FormParam("type") String type, @BeanParam SourceForm form) {
        console.checkCsrf(csrf);
        String kind = requireKind(type);
        String id;
        try {
            id = sources.create(realm, form.toRepresentation(kind, null)).id;
        } catch (ProblemException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e; // not this admin's realm, or a field only operators set: no form to go back to
            }
            return sourcePage(e.status(), views.blank(kind, form, console.admin().isOperator()),
                    "Source not created: " + e.getMessage());
        }
        return ConsolePages.seeOther(sourcePath(id));
    }

    @GET
    @Path("{id}")
    public Response source(@PathParam("id") String id) {
        return sourcePage(200, views.source(realm, id, null, console.admin().isOperator()), null);
    }

    @POST
    @Path("{id}")
    public Response update(@PathParam("id") String id, @FormParam("csrf") String csrf, @BeanParam SourceForm form) {
        console.checkCsrf(csrf);
        try {
            DirectorySourceRepresentation existing = sources.get(realm, id);
            sources.update(realm, id, form.toRepresentation(SourceFields.kind(existing.type), existing));
        } catch (ProblemException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e; // not this admin's realm or source: no form to go back to
            }
            return sourcePage(e.status(), views.source(realm, id, form, console.admin().isOperator()),
                    "Changes not saved: " + e.getMessage());
        }
        return ConsolePages.seeOther(sourcePath(id));
    }

    /**
     * How many of the users the source stores now a filter would serve, for the form's live preview: plain text,
     * 400 with the reason for a filter that could not be saved.
     */
    @GET
    @Path("{id}/filter-preview")
    public Response filterPreview(@PathParam("id") String id, @QueryParam("filter") String filter) {
        String answer;
        int status = 200;
        try {
            DirectorySourceAdmin.FilterPreview preview = sources.previewFilter(realm, id, filter);
            answer = (filter == null || filter.isBlank() ? "No filter: keeps " : "Keeps ") + preview.kept() + " of "
                    + preview.stored() + " synced users";
        } catch (InvalidFilterException e) {
            status = 400;
            answer = e.getMessage();
        }
        return ConsolePages.secured(Response.status(status).entity(answer)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))).build();
    }

    @POST
    @Path("{id}/sync")
    public Response sync(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("full") String full) {
        console.checkCsrf(csrf);
        try {
            sources.sync(realm, id, full != null);
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            return sourcePage(409, views.source(realm, id, null, console.admin().isOperator()), e.getMessage());
        }
        return ConsolePages.seeOther(sourcePath(id) + "#runs");
    }

    @POST
    @Path("{id}/sync-runs/{runId}/confirm")
    public Response confirm(@PathParam("id") String id, @PathParam("runId") String runId,
                            @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        try {
            sources.confirm(realm, id, runId);
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            return sourcePage(409, views.source(realm, id, null, console.admin().isOperator()), e.getMessage());
        }
        return ConsolePages.seeOther(sourcePath(id) + "#runs");
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        sources.setEnabled(realm, id, true);
        return ConsolePages.seeOther(sourcePath(id));
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        sources.setEnabled(realm, id, false);
        return ConsolePages.seeOther(sourcePath(id));
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        console.checkCsrf(csrf);
        sources.delete(realm, id);
        return ConsolePages.seeOther(listPath());
    }

    private Response listPage(int status, String error) {
        Map<String, Object> model = model(error);
        model.put("sources", views.list(realm));
        return pages.page(status, "sources.html", model);
    }

    private Response sourcePage(int status, SourceViews.SourceView source, String error) {
        Map<String, Object> model = model(error);
        model.put("source", source);
        return pages.page(status, "source.html", model);
    }

    private Map<String, Object> model(String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("console", console);
        model.put("realm", new RealmName(realm));
        model.put("error", error);
        return model;
    }

    private void requireRealm() {
        QuarkusTransaction.requiringNew().run(() -> access.require(realm));
    }

    private static String requireKind(String type) {
        String kind = SourceFields.kind(type);
        if (kind == null) {
            throw ProblemException.badRequest("type: choose 'entra' or 'webex'");
        }
        return kind;
    }

    private String listPath() {
        return ConsoleSessionFilter.PREFIX + "/realms/" + realm + "/directory-sources";
    }

    private String sourcePath(String id) {
        return listPath() + "/" + id;
    }
}
