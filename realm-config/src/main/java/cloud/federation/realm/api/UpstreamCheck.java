package cloud.federation.realm.api;

import java.util.Set;

/**
 * One step of a connector's validation pipeline, as an admin's test sign-in reports it: a readable name and the
 * refusal reason codes ({@link UpstreamLoginException#reason()}) that step raises. Because each pipeline stops at
 * its first refusal, the steps before the failing one are the ones that passed.
 */
public record UpstreamCheck(String name, Set<String> reasons) {

    public static UpstreamCheck of(String name, String... reasons) {
        return new UpstreamCheck(name, Set.of(reasons));
    }
}
