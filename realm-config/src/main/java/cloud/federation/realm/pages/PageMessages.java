package cloud.federation.realm.pages;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One language's catalogue of the sign-in pages' text ({@code messages*.properties}, UTF-8). Placeholders are
 * {@code {0}}, {@code {1}}… replaced literally — not {@link java.text.MessageFormat}, whose quoting rules would eat
 * the apostrophes of Italian and French text.
 */
public final class PageMessages {

    static final String BUNDLE = "cloud.federation.realm.pages.messages";

    private final PageLanguage language;
    private final ResourceBundle bundle;

    private PageMessages(PageLanguage language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static PageMessages of(PageLanguage language) {
        // No fallback to the JVM's default locale: the base catalogue is English whatever the server runs in.
        Locale locale = language == PageLanguage.EN ? Locale.ROOT : language.locale();
        return new PageMessages(language, ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    public PageLanguage language() {
        return language;
    }

    /** The text as HTML: the catalogue's text and every argument escaped. */
    public String html(String key, String... arguments) {
        String html = LoginPages.escape(text(key));
        for (int i = 0; i < arguments.length; i++) {
            html = html.replace("{" + i + "}", LoginPages.escape(arguments[i]));
        }
        return html;
    }

    private String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            // Callers only pass keys of this module's enums, and a test holds every catalogue to them.
            throw new IllegalArgumentException("No sign-in page text " + key, e);
        }
    }
}
