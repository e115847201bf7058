package cloud.federation.realm.pages;

import jakarta.ws.rs.core.NewCookie;

import java.util.Locale;
import java.util.Optional;

/**
 * The languages the sign-in pages speak, and how a request picks one: an explicit choice (the page's switch, or
 * OIDC {@code ui_locales}), else the remembered choice, else {@code Accept-Language}, else English.
 */
public enum PageLanguage {
    EN("en", "English"),
    IT("it", "Italiano"),
    DE("de", "Deutsch"),
    FR("fr", "Français"),
    ES("es", "Español");

    /** Remembers the switch across the flow; the pages never read it from scripts, hence HttpOnly. */
    public static final String COOKIE = "federation_lang";
    public static final String PARAMETER = "lang";

    private final String tag;
    private final String nativeName;

    PageLanguage(String tag, String nativeName) {
        this.tag = tag;
        this.nativeName = nativeName;
    }

    public String tag() {
        return tag;
    }

    /** Shown in the switch in its own language: someone who cannot read the current page must still find theirs. */
    public String nativeName() {
        return nativeName;
    }

    /** Remembers this language for the rest of the flow (and later logins in this browser). */
    public NewCookie cookie(boolean secure) {
        return new NewCookie.Builder(COOKIE).value(tag).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** A language tag such as {@code de-CH} by its primary subtag; anything we do not speak is empty. */
    public static Optional<PageLanguage> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String primary = tag.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        for (PageLanguage language : values()) {
            if (language.tag.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The first language we speak in a space-separated preference list ({@code ui_locales}, or one {@code lang}). */
    public static Optional<PageLanguage> firstOf(String preferences) {
        if (preferences == null) {
            return Optional.empty();
        }
        for (String tag : preferences.trim().split("\\s+")) {
            Optional<PageLanguage> language = ofTag(tag);
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
    }

    /**
     * The best language for an {@code Accept-Language} header (RFC 9110): highest quality wins, the earlier entry on
     * a tie; {@code q=0} and malformed qualities never select; {@code *} stands for our default, English.
     */
    public static PageLanguage fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return EN;
        }
        PageLanguage best = EN;
        double bestQuality = 0;
        for (String entry : header.split(",")) {
            String[] parts = entry.split(";", -1);
            String range = parts[0].trim();
            double quality = quality(parts);
            if (quality <= bestQuality) {
                continue;
            }
            Optional<PageLanguage> language = range.equals("*") ? Optional.of(EN) : ofTag(range);
            if (language.isPresent()) {
                best = language.get();
                bestQuality = quality;
            }
        }
        return best;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].trim();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The switch (or {@code ui_locales}) beats the remembered choice, which beats the browser's header. */
    public static PageLanguage choose(String explicit, String remembered, String acceptLanguage) {
        return firstOf(explicit).or(() -> ofTag(remembered)).orElseGet(() -> fromAcceptLanguage(acceptLanguage));
    }
}
