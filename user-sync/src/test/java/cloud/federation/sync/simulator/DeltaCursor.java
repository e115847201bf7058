package cloud.federation.sync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a {@code $skiptoken} or {@code $deltatoken} stands for. Graph's tokens are opaque to clients; ours are
 * base64url text, and carry the selection because Graph encodes the initial query's parameters into its tokens too.
 *
 * @param delta      true for a deltaLink token (start of the next round), false for a nextLink token
 * @param groups     which collection the token belongs to
 * @param generation token generation; {@link GraphSimulator#expireDeltaTokens()} makes older ones fail
 * @param from       the sequence the round reports changes after; -1 for a full round
 * @param snapshot   the sequence at the start of the round, which becomes the next round's {@code from}
 * @param page       the page a skiptoken points at
 * @param select     the canonical selection ({@link Selection#canonical()})
 */
record DeltaCursor(boolean delta, boolean groups, int generation, long from, long snapshot, int page, String select) {

    static DeltaCursor next(boolean groups, int generation, long from, long snapshot, int page, String select) {
        return new DeltaCursor(false, groups, generation, from, snapshot, page, select);
    }

    static DeltaCursor deltaAt(boolean groups, int generation, long sequence, String select) {
        return new DeltaCursor(true, groups, generation, sequence, sequence, 0, select);
    }

    String token() {
        String text = String.join("|", delta ? "d" : "s", groups ? "g" : "u", Integer.toString(generation),
                Long.toString(from), Long.toString(snapshot), Integer.toString(page), select);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the token was not made here */
    static DeltaCursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 7 || !(parts[0].equals("d") || parts[0].equals("s"))
                    || !(parts[1].equals("g") || parts[1].equals("u"))) {
                throw new IllegalArgumentException("not a simulator token");
            }
            return new DeltaCursor(parts[0].equals("d"), parts[1].equals("g"), Integer.parseInt(parts[2]),
                    Long.parseLong(parts[3]), Long.parseLong(parts[4]), Integer.parseInt(parts[5]), parts[6]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid state token", e);
        }
    }
}
