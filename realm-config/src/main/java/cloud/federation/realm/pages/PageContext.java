package cloud.federation.realm.pages;

import cloud.federation.realm.model.RealmEntity;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Optional;

/**
 * What a sign-in page needs to know about its request: the language, whether the user just chose it (so it is
 * remembered), the realm's name and logo, and the relative address the language switch reloads.
 *
 * @param switchTarget path and query (never a scheme or host: the switch cannot redirect off this server)
 */
public record PageContext(PageLanguage language, boolean languageChosen, String realmDisplayName, String logoUrl,
                          String switchTarget, boolean secure) {

    /** Realm attribute: an https URL of the logo shown on the realm's sign-in pages. */
    public static final String LOGO_ATTRIBUTE = "loginLogoUrl";
    public static final int LOGO_URL_MAX = 2048;

    public static PageContext of(HttpHeaders headers, UriInfo uri, RealmEntity realm) {
        String explicit = Optional.ofNullable(uri.getQueryParameters().getFirst(PageLanguage.PARAMETER))
                .orElse(uri.getQueryParameters().getFirst("ui_locales"));
        Cookie cookie = headers.getCookies().get(PageLanguage.COOKIE);
        PageLanguage language = PageLanguage.choose(explicit, cookie == null ? null : cookie.getValue(),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        boolean chosen = PageLanguage.firstOf(explicit).isPresent();
        // The path alone: repeating the query would echo whatever the request carried (e.g. a rejected redirect_uri).
        return new PageContext(language, chosen, realm == null ? null : displayName(realm),
                realm == null ? null : realm.attributes.get(LOGO_ATTRIBUTE), uri.getRequestUri().getRawPath(),
                "https".equals(uri.getRequestUri().getScheme()));
    }

    /** Pages answering a form post switch language by reloading another address (the form's GET twin). */
    public PageContext switchingAt(String pathAndQuery) {
        return new PageContext(language, languageChosen, realmDisplayName, logoUrl, pathAndQuery, secure);
    }

    public static String displayName(RealmEntity realm) {
        return realm.displayName == null || realm.displayName.isBlank() ? realm.name : realm.displayName;
    }

    /** The logo if it is a well-formed https URL of bounded length; anything else is not shown (nor allowed by CSP). */
    public Optional<URI> logo() {
        return validLogoUrl(logoUrl);
    }

    public static Optional<URI> validLogoUrl(String value) {
        if (value == null || value.isEmpty() || value.length() > LOGO_URL_MAX) {
            return Optional.empty();
        }
        try {
            URI url = new URI(value);
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
