package cloud.federation.ldap.protocol;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which attributes of an entry a search returns (RFC 4511 §4.5.1.8): none listed or {@code *} means all user
 * attributes, {@code +} adds the operational ones, {@code 1.1} alone means none; names match case-insensitively.
 */
final class AttributeSelection {

    static final Set<String> OPERATIONAL = Set.of("createtimestamp", "modifytimestamp", "entryuuid", "subschemasubentry");

    private AttributeSelection() {
    }

    static Entry apply(Entry entry, List<String> requested, boolean typesOnly) {
        boolean allUser = requested.isEmpty() || requested.contains("*");
        boolean allOperational = requested.contains("+");
        Set<String> named = requested.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        Entry out = new Entry(entry.getDN());
        for (Attribute a : entry.getAttributes()) {
            String name = a.getBaseName().toLowerCase(Locale.ROOT);
            boolean operational = OPERATIONAL.contains(name);
            boolean wanted = named.contains(name) || (operational ? allOperational : allUser);
            if (wanted) {
                out.addAttribute(typesOnly ? new Attribute(a.getName()) : a);
            }
        }
        return out;
    }
}
