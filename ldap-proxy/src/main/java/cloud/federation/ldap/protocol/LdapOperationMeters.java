package cloud.federation.ldap.protocol;

import com.unboundid.ldap.sdk.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The facade's operation counters. Every search passes through here and the search path is benchmarked against
 * OpenLDAP, so a (operation, result code) counter is resolved once and then found by array index: no tags, ids or
 * strings are built per operation. Tags carry only the operation and the result code, never a DN or a realm.
 */
public final class LdapOperationMeters {

    public static final String OPERATIONS = "federation.ldap.operations";
    public static final String BIND_FAILURES = "federation.ldap.bind.failures";

    /** The operations of RFC 4511 §4, named as the {@code type} tag shows them. */
    public enum Operation {
        BIND, SEARCH, COMPARE, EXTENDED, ADD, MODIFY, DELETE, MODDN, ABANDON, UNBIND;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** How a bind tried to authenticate ({@code method} tag of bind failures). */
    public enum BindMethod {
        SIMPLE, SASL_EXTERNAL, SASL_OTHER;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** Abandon and unbind have no response, so no result code; they count as {@code result="none"}. */
    public static final int NO_RESULT = -1;

    /** Slots for NO_RESULT and codes 0..126: every result code RFC 4511 and its extensions define below 127. */
    private static final int SLOTS = 128;

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> cached = new AtomicReferenceArray<>(Operation.values().length * SLOTS);
    private final Map<Long, Counter> uncommon = new ConcurrentHashMap<>();

    public LdapOperationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One operation answered with {@code resultCode} (or {@link #NO_RESULT}). */
    public void completed(Operation operation, int resultCode) {
        int slot = resultCode + 1;
        if (slot >= 0 && slot < SLOTS) {
            int index = operation.ordinal() * SLOTS + slot;
            Counter counter = cached.get(index);
            if (counter == null) {
                // Racing threads get the same counter back from the registry; either may store it.
                counter = register(operation, resultCode);
                cached.set(index, counter);
            }
            counter.increment();
            return;
        }
        uncommon.computeIfAbsent(((long) operation.ordinal() << 32) | (resultCode & 0xffffffffL),
                k -> register(operation, resultCode)).increment();
    }

    /** A bind that did not authenticate; binds are rare next to searches, so the counter is looked up each time. */
    public void bindFailed(BindMethod method, int resultCode) {
        Counter.builder(BIND_FAILURES).description("LDAP binds that did not authenticate, by method and result code")
                .tag("method", method.tag).tag("reason", resultName(resultCode)).register(registry).increment();
    }

    private Counter register(Operation operation, int resultCode) {
        return Counter.builder(OPERATIONS).description("LDAP operations answered, by type and result code")
                .tag("type", operation.tag).tag("result", resultName(resultCode)).register(registry);
    }

    /**
     * RFC 4511's name of a result code ({@code invalidCredentials}, {@code noSuchObject}); the SDK spells them as
     * words ("invalid credentials"). A code no specification names is shown as its number.
     */
    public static String resultName(int resultCode) {
        if (resultCode == NO_RESULT) {
            return "none";
        }
        ResultCode known = ResultCode.valueOf(resultCode, null, false);
        if (known == null) {
            return Integer.toString(resultCode);
        }
        String[] words = known.getName().split(" ");
        StringBuilder name = new StringBuilder(words[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }
}
