package cloud.federation.realm.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** A login domain in canonical form: lower-case ASCII, IDN labels as punycode, no trailing dot. */
public record DomainName(String value) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public DomainName {
        if (value == null) {
            throw new IllegalArgumentException("domain is required");
        }
    }

    /** Parses user input ("Contoso.COM.", "bücher.example") into canonical form or refuses it. */
    public static DomainName parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("domain is required");
        }
        String trimmed = input.trim();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + input + "' is not a valid domain name");
        }
        if (ascii.length() > 253) {
            throw new IllegalArgumentException("domain is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + input + "' is not a fully qualified domain (needs a dot)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + input + "' is not a valid domain name");
            }
        }
        return new DomainName(ascii);
    }

    /** The domain part of a login such as {@code alice@Contoso.com}, or the login itself when it is a bare domain. */
    public static DomainName ofLogin(String login) {
        if (login == null) {
            throw new IllegalArgumentException("login is required");
        }
        int at = login.lastIndexOf('@');
        return parse(at >= 0 ? login.substring(at + 1) : login);
    }

    /** True when {@code candidate} is this domain or, if subdomains are allowed, lies beneath it. */
    public boolean covers(DomainName candidate, boolean matchSubdomains) {
        return value.equals(candidate.value) || (matchSubdomains && candidate.value.endsWith("." + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
