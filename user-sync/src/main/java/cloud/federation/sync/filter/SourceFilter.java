package cloud.federation.sync.filter;

import cloud.federation.sync.user.DirectoryUser;
import cloud.federation.sync.user.UserAttribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer's RFC 4515 filter over the normalised user attributes, deciding which synced users are served. Strings
 * match case-insensitively; phone numbers ignore punctuation; {@code >=}/{@code <=} compare numerically when both
 * sides are numbers.
 */
public final class SourceFilter {

    static final int MAX_LENGTH = 10_000;
    static final int MAX_DEPTH = 30;

    private final String text;
    private final Filter filter;

    private SourceFilter(String text, Filter filter) {
        this.text = text;
        this.filter = filter;
    }

    /** The filter that keeps everyone, for sources without one. */
    public static SourceFilter everyone() {
        return new SourceFilter(null, null);
    }

    public static SourceFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return everyone();
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidFilterException("longer than " + MAX_LENGTH + " characters");
        }
        Filter parsed;
        try {
            parsed = Filter.create(text.strip());
        } catch (LDAPException e) {
            throw new InvalidFilterException(e.getMessage());
        }
        check(parsed, 1);
        return new SourceFilter(text.strip(), parsed);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    private static void check(Filter f, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFilterException("nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter c : f.getComponents()) {
                    check(c, depth + 1);
                }
            }
            case Filter.FILTER_TYPE_NOT -> check(f.getNOTComponent(), depth + 1);
            case Filter.FILTER_TYPE_EXTENSIBLE_MATCH -> throw new InvalidFilterException(
                    "extensible match '" + f + "' is not supported in source filters");
            default -> {
                if (FilterAttributes.resolve(f.getAttributeName()).isEmpty()) {
                    throw new InvalidFilterException("unknown attribute '" + f.getAttributeName()
                            + "' (use e.g. email, department, officeLocation, location, phoneNumber, userType, "
                            + "displayName, givenName, surname, jobTitle, city, country)");
                }
            }
        }
    }

    public boolean matches(DirectoryUser user) {
        return filter == null || evaluate(filter, user);
    }

    private static boolean evaluate(Filter f, DirectoryUser user) {
        return switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND -> {
                for (Filter c : f.getComponents()) {
                    if (!evaluate(c, user)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Filter.FILTER_TYPE_OR -> {
                for (Filter c : f.getComponents()) {
                    if (evaluate(c, user)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Filter.FILTER_TYPE_NOT -> !evaluate(f.getNOTComponent(), user);
            default -> anyValue(f, user);
        };
    }

    private static boolean anyValue(Filter f, DirectoryUser user) {
        List<UserAttribute> targets = FilterAttributes.resolve(f.getAttributeName()).orElseThrow();
        if (f.getFilterType() == Filter.FILTER_TYPE_PRESENCE) {
            return targets == FilterAttributes.ID || targets.stream().anyMatch(a -> !user.values(a).isEmpty());
        }
        if (targets == FilterAttributes.ID) {
            return test(f, user.id(), false);
        }
        for (UserAttribute a : targets) {
            for (String value : user.values(a)) {
                if (test(f, value, a.isTelephone())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean test(Filter f, String rawValue, boolean telephone) {
        String value = normalise(rawValue, telephone);
        return switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_EQUALITY -> value.equals(normalise(f.getAssertionValue(), telephone));
            case Filter.FILTER_TYPE_APPROXIMATE_MATCH -> squeeze(value).equals(squeeze(normalise(f.getAssertionValue(), telephone)));
            case Filter.FILTER_TYPE_GREATER_OR_EQUAL -> compare(value, normalise(f.getAssertionValue(), telephone)) >= 0;
            case Filter.FILTER_TYPE_LESS_OR_EQUAL -> compare(value, normalise(f.getAssertionValue(), telephone)) <= 0;
            case Filter.FILTER_TYPE_SUBSTRING -> substrings(f, value, telephone);
            default -> false;
        };
    }

    private static boolean substrings(Filter f, String value, boolean telephone) {
        int at = 0;
        String initial = f.getSubInitialString();
        if (initial != null) {
            String i = normalise(initial, telephone);
            if (!value.startsWith(i)) {
                return false;
            }
            at = i.length();
        }
        for (String any : f.getSubAnyStrings()) {
            String a = normalise(any, telephone);
            int found = value.indexOf(a, at);
            if (found < 0) {
                return false;
            }
            at = found + a.length();
        }
        String fin = f.getSubFinalString();
        return fin == null || (value.length() - at >= normalise(fin, telephone).length()
                && value.endsWith(normalise(fin, telephone)));
    }

    private static int compare(String a, String b) {
        Optional<BigDecimal> x = number(a);
        Optional<BigDecimal> y = number(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return a.compareTo(b);
    }

    private static Optional<BigDecimal> number(String s) {
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String normalise(String value, boolean telephone) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (telephone) {
            StringBuilder out = new StringBuilder(lower.length());
            for (char c : lower.toCharArray()) {
                if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return lower.replaceAll("\\s+", " ");
    }

    private static String squeeze(String s) {
        return s.replace(" ", "");
    }
}
