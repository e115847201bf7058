package cloud.federation.realm.client;

/** RFC 4514 escaping of one attribute value inside a DN, for the bind DNs we hand to admins. */
final class LdapNames {

    private LdapNames() {
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean edgeSpace = c == ' ' && (i == 0 || i == value.length() - 1);
            if (c == '\0') {
                out.append("\\00");
            } else if (",+\"\\<>;=".indexOf(c) >= 0 || edgeSpace || (c == '#' && i == 0)) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
