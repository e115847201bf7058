package cloud.federation.ldap.slapd;

import cloud.federation.ldap.slapd.SearchComparison.Search;
import com.unboundid.ldap.sdk.SearchScope;

import java.util.List;

/**
 * Where the facade and slapd disagree today, each with searches that show it. The generated searches avoid all but
 * the telephone one (see {@link SearchGenerator}); a telephone mismatch is excused only when {@link TelephoneModel}
 * shows slapd's telephone rule explains it entirely. {@code SlapdDifferentialTest} checks that every reproducer still
 * differs, so a fix in the facade fails the test until its entry here is deleted.
 *
 * <p>The analyses cite RFC 4511 (protocol), RFC 4512 (models), RFC 4517 (syntaxes, rules) and RFC 4518 (string
 * preparation); "AD" notes what Active Directory does, since suites are written against it.
 */
enum KnownDifference {

    /**
     * Both sides now ignore only spaces and hyphens in telephone numbers (RFC 4518 §2.6.2), but RFC 4517 §4.2.29
     * makes telephoneNumberMatch case-insensitive and slapd compares the letters of vanity numbers
     * case-sensitively: (telephoneNumber=+1 800 flowers) finds "+1 800 FLOWERS" on ours only. Ours follows the RFC.
     */
    TELEPHONE_NUMBER_MATCH(
            search("ou=users", SearchScope.ONE, "(telephoneNumber=+1 800 flowers)")),

    /**
     * Evaluation is three-valued on both sides now, but ours accepts an empty assertion value for a directory
     * string (slapd: invalid syntax, so Undefined), and orders strings without an ORDERING rule (see
     * ORDERING_WITHOUT_RULE), so NOT of those is TRUE on ours and Undefined on slapd.
     */
    NOT_OF_UNDEFINED(
            search("ou=users", SearchScope.ONE, "(!(department=))"),
            search("ou=users", SearchScope.ONE, "(!(cn>=m))")),

    /**
     * cn, uid, mail and the other directory strings have no ORDERING rule in the standard schema; RFC 4511
     * §4.5.1.7.3 makes {@code >=}/{@code <=} on them Undefined (slapd: nothing). Ours falls back to case-insensitive
     * string order, as AD does, which AD-written suites may use.
     */
    ORDERING_WITHOUT_RULE(
            search("ou=users", SearchScope.ONE, "(cn>=m)"),
            search("ou=users", SearchScope.ONE, "(sn<=b)")),

    /**
     * An attribute type may be named by any of its names (RFC 4512 §2.5): commonName, surname, rfc822Mailbox are
     * cn, sn, mail to slapd, in filters and attribute lists; the SDK's standard schema, which ours extends, knows
     * one name each (OIDs work on both sides).
     */
    ATTRIBUTE_NAME_FORMS(
            search("ou=users", SearchScope.ONE, "(commonName=*smith*)"),
            search("ou=users", SearchScope.ONE, "(rfc822Mailbox=*)"),
            search("ou=users", SearchScope.ONE, "(uid=a,b)", "commonName", "surname")),

    /** A filter on a supertype also tests its subtypes (RFC 4512 §2.5.1): (name=smith) finds sn=Smith on slapd. */
    ATTRIBUTE_SUBTYPES(
            search("ou=users", SearchScope.ONE, "(name=smith)"));

    private static final String REALM = "o=contoso,dc=federation,dc=cloud";

    private final List<Search> reproducers;

    KnownDifference(Search... reproducers) {
        this.reproducers = List.of(reproducers);
    }

    List<Search> reproducers() {
        return reproducers.stream().map(s -> new Search(name(), s.base(), s.scope(), s.filter(), s.attributes())).toList();
    }

    /** A search under the realm; {@code under} is the part of the base below it ("" for the realm itself). */
    private static Search search(String under, SearchScope scope, String filter, String... attributes) {
        String base = under.isEmpty() ? REALM : under + "," + REALM;
        return new Search(null, base, scope, filter, attributes.length == 0 ? List.of("1.1") : List.of(attributes));
    }
}
