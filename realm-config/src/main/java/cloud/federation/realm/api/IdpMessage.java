package cloud.federation.realm.api;

import java.util.Optional;

/**
 * Makes an identity provider's error text fit to show a user: control characters (and bidirectional overrides,
 * which can make text read differently than it is) removed, whitespace collapsed, at most {@value #MAX_LENGTH}
 * characters. The result is still plain text that pages must escape.
 */
public final class IdpMessage {

    public static final int MAX_LENGTH = 300;

    private IdpMessage() {
    }

    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() <= MAX_LENGTH; ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(c);
        }
        if (out.length() == 0) {
            return Optional.empty();
        }
        if (out.length() > MAX_LENGTH) {
            int cut = MAX_LENGTH - 1;
            if (Character.isLowSurrogate(out.charAt(cut))) {
                cut--;
            }
            out.setLength(cut);
            out.append('…');
        }
        return Optional.of(out.toString());
    }
}
