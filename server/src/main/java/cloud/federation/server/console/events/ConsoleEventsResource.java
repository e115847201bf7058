package cloud.federation.server.console.events;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.audit.AdminEventQuery;
import cloud.federation.realm.login.LoginEventQuery;
import cloud.federation.realm.model.AdminEventEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.server.console.ConsolePages;
import cloud.federation.server.console.session.Console;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A realm's admin events (who changed what, secrets masked) and sign-on events (outcomes with the reference a
 * refused user was shown), read through the same queries as the admin API, newest first, a page at a time.
 */
@Path(ConsoleSessionFilter.PREFIX + "/realms/{realm}/events")
public class ConsoleEventsResource {

    @Inject
    Console console;
    @Inject
    RealmAccess access;
    @Inject
    ConsolePages pages;

    @PathParam("realm")
    String realmName;

    @GET
    public Response adminEvents(@QueryParam("operation") String operation,
                                @QueryParam("resourceType") String resourceType,
                                @QueryParam("actor") String actor, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("page") String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("operation", operation);
        fields.put("resourceType", resourceType);
        fields.put("actor", actor);
        fields.put("from", from);
        fields.put("to", to);
        EventFilter filter = new EventFilter(fields, page);
        AdminEventQuery query = new AdminEventQuery(listOf(filter.value("operation")),
                listOf(filter.value("resourceType")), filter.value("actor"), filter.time("from"), filter.time("to"));
        EventsPage<AdminEventRow> model = QuarkusTransaction.requiringNew().call(() -> {
            RealmEntity realm = access.require(realmName);
            List<String> resourceTypes = AdminEventEntity.getEntityManager().createQuery(
                            "select distinct e.resourceType from AdminEventEntity e where e.realmName = :realm "
                                    + "order by e.resourceType", String.class)
                    .setParameter("realm", realm.name).getResultList();
            return page(realm, eventsPath(realm.name), filter, resourceTypes,
                    (max) -> query.find(realm.name, filter.first(), max), AdminEventRow::of);
        });
        return render("events.html", model, filter);
    }

    @GET
    @Path("sign-ons")
    public Response signOnEvents(@QueryParam("type") String type, @QueryParam("reference") String reference,
                                 @QueryParam("page") String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("reference", reference);
        EventFilter filter = new EventFilter(fields, page);
        LoginEventQuery query = new LoginEventQuery(listOf(filter.value("type")), null, filter.value("reference"));
        EventsPage<SignOnEventRow> model = QuarkusTransaction.requiringNew().call(() -> {
            RealmEntity realm = access.require(realmName);
            return page(realm, eventsPath(realm.name) + "/sign-ons", filter, List.of(), (max) -> query.find(realm.name, filter.first(), max),
                    SignOnEventRow::of);
        });
        return render("sign-on-events.html", model, filter);
    }

    /** Reads one more row than a page holds: whether it exists decides if there is a next page. */
    private static <E, R> EventsPage<R> page(RealmEntity realm, String path, EventFilter filter, List<String> resourceTypes,
                                             Function<Integer, List<E>> read, Function<E, R> row) {
        List<E> found = read.apply(EventFilter.PAGE_SIZE + 1);
        boolean more = found.size() > EventFilter.PAGE_SIZE;
        List<R> rows = found.stream().limit(EventFilter.PAGE_SIZE).map(row).toList();
        return new EventsPage<>(realm.name, rows, filter, resourceTypes,
                filter.page() > 0 ? path + filter.queryFor(filter.page() - 1) : null,
                more ? path + filter.queryFor(filter.page() + 1) : null);
    }

    private Response render(String template, EventsPage<?> model, EventFilter filter) {
        Map<String, Object> data = new HashMap<>();
        data.put("console", console);
        data.put("realm", model);
        data.put("error", filter.problem());
        return pages.page(200, template, data);
    }

    public static String eventsPath(String realm) {
        return ConsoleSessionFilter.PREFIX + "/realms/" + realm + "/events";
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
