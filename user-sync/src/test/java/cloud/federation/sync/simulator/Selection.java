package cloud.federation.sync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The properties one delta round tracks and returns: the request's $select, or Graph's default set. Delta only
 * reports an object when a tracked property changed, which is why this travels inside the state tokens.
 *
 * @param properties  plain properties in response order ({@code id} is always added)
 * @param navigation  whether {@code manager} (users) or {@code members} (groups) is tracked
 * @param canonical   the selection as it is written into tokens and @odata.context; empty for the default set
 */
record Selection(List<String> properties, boolean navigation, String canonical) {

    static Selection defaults(boolean groups) {
        // Groups deliver members@delta by default; users need an explicit $select=manager.
        return groups ? new Selection(GraphSchema.GROUP, true, "") : new Selection(GraphSchema.USER_DEFAULT, false, "");
    }

    /** @throws IllegalArgumentException naming the first property the type does not have */
    static Selection parse(String select, boolean groups) {
        if (select == null || select.isBlank()) {
            return defaults(groups);
        }
        Set<String> chosen = new LinkedHashSet<>();
        boolean navigation = false;
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (name.isEmpty() || name.equalsIgnoreCase("id")) {
                continue;
            }
            String property = GraphSchema.canonical(groups, name);
            if (property == null) {
                throw new IllegalArgumentException("Could not find a property named '" + name + "' on type 'microsoft.graph."
                        + (groups ? "group" : "user") + "'.");
            }
            if (property.equals(GraphSchema.navigation(groups))) {
                navigation = true;
            } else {
                chosen.add(property);
            }
        }
        List<String> names = new ArrayList<>(chosen);
        List<String> all = new ArrayList<>(names);
        if (navigation) {
            all.add(GraphSchema.navigation(groups));
        }
        return new Selection(List.copyOf(names), navigation, String.join(",", all));
    }

    /** Adds the navigation property, for $expand=members on groups. */
    Selection withNavigation(boolean groups) {
        if (navigation) {
            return this;
        }
        String written = canonical.isEmpty() ? String.join(",", properties) : canonical;
        return new Selection(properties, true, written + "," + GraphSchema.navigation(groups));
    }
}
