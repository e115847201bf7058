package cloud.federation.realm.login;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.util.List;

/**
 * A realm's sign-on events, newest first: the admin API's {@code events} resource and the console's sign-on
 * events page read through this.
 *
 * @param types     any of these event types (empty: all)
 * @param clientId  the suite's client id (null: any)
 * @param reference the support reference a refusal page showed the user (null: any)
 */
public record LoginEventQuery(List<String> types, String clientId, String reference) {

    public LoginEventQuery {
        types = types == null ? List.of() : List.copyOf(types);
    }

    public List<LoginEventEntity> find(String realm, int first, int max) {
        StringBuilder query = new StringBuilder("realmName = :realm");
        Parameters params = Parameters.with("realm", realm);
        if (!types.isEmpty()) {
            query.append(" and type in :types");
            params.and("types", types);
        }
        if (clientId != null) {
            query.append(" and clientId = :client");
            params.and("client", clientId);
        }
        if (reference != null) {
            query.append(" and reference = :reference");
            params.and("reference", reference);
        }
        return LoginEventEntity.<LoginEventEntity>find(query.toString(), Sort.descending("time", "id"), params)
                .range(first, first + max - 1).list();
    }
}
