package cloud.federation.realm.audit;

import cloud.federation.realm.model.AdminEventEntity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.time.Instant;
import java.util.List;

/**
 * A realm's admin events, newest first, narrowed by what an admin filters on: the admin API's
 * {@code admin-events} resource and the console's events page read through this.
 *
 * @param operationTypes any of these (empty: all)
 * @param resourceTypes  any of these (empty: all)
 * @param actor          the admin's user id or username (null: anyone)
 * @param from           at or after (null: no lower bound)
 * @param to             before (null: no upper bound)
 */
public record AdminEventQuery(List<String> operationTypes, List<String> resourceTypes, String actor, Instant from,
                              Instant to) {

    public AdminEventQuery {
        operationTypes = operationTypes == null ? List.of() : List.copyOf(operationTypes);
        resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
    }

    /** Events {@code first} to {@code first + max - 1} of the realm's matching events, newest first. */
    public List<AdminEventEntity> find(String realm, int first, int max) {
        StringBuilder query = new StringBuilder("realmName = :realm");
        Parameters params = Parameters.with("realm", realm);
        if (!operationTypes.isEmpty()) {
            query.append(" and operationType in :ops");
            params.and("ops", operationTypes);
        }
        if (!resourceTypes.isEmpty()) {
            query.append(" and resourceType in :types");
            params.and("types", resourceTypes);
        }
        if (actor != null) {
            query.append(" and (actorId = :user or actorUsername = :user)");
            params.and("user", actor);
        }
        if (from != null) {
            query.append(" and time >= :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" and time < :to");
            params.and("to", to);
        }
        // The id breaks ties between events of the same instant, so pages never overlap or skip.
        return AdminEventEntity.<AdminEventEntity>find(query.toString(), Sort.descending("time", "id"), params)
                .range(first, first + max - 1).list();
    }
}
