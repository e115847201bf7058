package cloud.federation.sync.source;

import cloud.federation.realm.admin.RealmAccess;
import cloud.federation.realm.model.DirectorySourceEntity;
import cloud.federation.realm.model.RealmEntity;
import cloud.federation.realm.problem.ProblemException;
import cloud.federation.sync.filter.InvalidFilterException;
import cloud.federation.sync.filter.SourceFilter;
import cloud.federation.sync.group.GroupGraph;
import cloud.federation.sync.store.DirectoryStore;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /admin/realms/{realm}/users}: a preview of the users the realm serves, filtered with the same LDAP filter
 * syntax as a source's filter, with their direct and nested group names. {@code X-Total-Count} gives the number of
 * matches, so an admin sees what a filter keeps before saving it.
 */
@Path("/admin/realms/{realm}/users")
@Produces(MediaType.APPLICATION_JSON)
public class SyncedUsersResource {

    @Inject
    RealmAccess access;
    @Inject
    DirectoryStore store;

    @PathParam("realm")
    String realmName;

    public record SyncedUser(String id, String source, Map<String, List<String>> attributes, List<String> memberOf,
                             List<String> memberOfNested) {
    }

    @GET
    @Transactional
    public Response list(@QueryParam("filter") String filter, @QueryParam("source") String sourceId,
                         @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        RealmEntity realm = access.require(realmName);
        SourceFilter parsed;
        try {
            parsed = SourceFilter.parse(filter);
        } catch (InvalidFilterException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        if (first < 0 || max < 1 || max > 1000) {
            throw ProblemException.badRequest("first must be >= 0 and max between 1 and 1000");
        }
        Map<String, String> sourceNames = new HashMap<>();
        DirectorySourceEntity.<DirectorySourceEntity>list("realm", realm).forEach(s -> sourceNames.put(s.id, s.name));
        if (sourceId != null && !sourceNames.containsKey(sourceId)) {
            throw ProblemException.notFound("Directory source '" + sourceId + "' does not exist in realm '" + realmName + "'");
        }
        List<DirectoryStore.ServedUser> page = new ArrayList<>();
        int[] total = {0};
        store.forEachServed(realm.id, sourceId, served -> {
            if (parsed.matches(served.user())) {
                if (total[0] >= first && page.size() < max) {
                    page.add(served);
                }
                total[0]++;
            }
        });
        Map<String, GroupGraph> graphs = new HashMap<>();
        Map<String, String> groupNames = new HashMap<>();
        List<SyncedUser> out = page.stream().map(s -> {
            GroupGraph graph = graphs.computeIfAbsent(s.sourceId(), id -> store.groupGraph(id, groupNames));
            return new SyncedUser(s.user().id(), sourceNames.get(s.sourceId()), s.user().attributes(),
                    names(graph.directGroups(s.user().id()), groupNames),
                    names(graph.transitiveGroups(s.user().id()), groupNames));
        }).toList();
        return Response.ok(out).header("X-Total-Count", total[0]).build();
    }

    private static List<String> names(java.util.Set<String> ids, Map<String, String> names) {
        return ids.stream().map(names::get).filter(Objects::nonNull).sorted().toList();
    }
}
