package cloud.federation.ldap.service;

import cloud.federation.ldap.protocol.FacadeLimits;
import cloud.federation.ldap.protocol.ServedEntries;
import cloud.federation.ldap.tree.DirectoryNames;
import cloud.federation.ldap.tree.RealmTree;
import cloud.federation.ldap.tree.TreeSearch;
import cloud.federation.realm.FederationConfig;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Read access to what this node's LDAP view serves a realm, for admins (the console): a filtered search of the
 * realm's users and single entries, answered from the same in-memory tree, filter evaluation and attribute rules as
 * a suite's search. Callers check that the admin may see the realm.
 */
@ApplicationScoped
public class DirectoryBrowser {

    @Inject
    DirectoryViews views;
    @Inject
    FederationConfig config;

    /**
     * Users matching a search, in tree order; {@code capped} when more matched than were returned, {@code timedOut}
     * when the listeners' time limit stopped the search first.
     */
    public record Found(List<Entry> entries, boolean capped, boolean timedOut) {
    }

    /** A filter that is not RFC 4515, or one a suite's search would be refused for; the message says why. */
    public static final class InvalidFilter extends RuntimeException {
        InvalidFilter(String message) {
            super(message);
        }
    }

    /**
     * The realm's users (the entries below {@code ou=users}) matching {@code filter}, at most {@code cap} of them,
     * each as a search for every attribute returns it. A realm not served (yet) has no users.
     */
    public Found searchUsers(String realm, String filter, int cap) {
        Filter parsed = parse(filter);
        Optional<RealmTree> tree = views.trees().current(realm);
        if (tree.isEmpty()) {
            return new Found(List.of(), false, false);
        }
        FacadeLimits limits = limits();
        try {
            // Below ou=users, without the container itself: the page lists users.
            TreeSearch.Result result = new TreeSearch(tree.get()).search(DirectoryNames.users(realm),
                    SearchScope.SUBORDINATE_SUBTREE, parsed, cap, -1, System.nanoTime() + limits.timeLimit().toNanos());
            return new Found(result.entries().stream().map(e -> ServedEntries.everyAttribute(e, limits)).toList(),
                    result.more(), result.timedOut());
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return new Found(List.of(), false, false);
            }
            throw new InvalidFilter("Invalid filter: " + e.getDiagnosticMessage());
        }
    }

    /** The entry with this DN in the realm's tree, as a search for every attribute returns it. */
    public Optional<Entry> entry(String realm, String dn) {
        DN name;
        try {
            name = new DN(dn);
        } catch (LDAPException e) {
            return Optional.empty();
        }
        if (!name.isDescendantOf(DirectoryNames.realm(realm), true)) {
            return Optional.empty(); // another realm's entries do not exist here
        }
        return views.trees().current(realm).map(t -> t.get(name)).map(e -> ServedEntries.everyAttribute(e, limits()));
    }

    private Filter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFilter("Invalid filter: enter an LDAP filter such as (objectClass=*)");
        }
        try {
            Filter filter = Filter.create(text.strip());
            ServedEntries.checkFilter(filter, limits());
            return filter;
        } catch (LDAPException e) {
            throw new InvalidFilter("Invalid filter: " + e.getMessage());
        }
    }

    private FacadeLimits limits() {
        FederationConfig.Ldap c = config.ldap();
        return new FacadeLimits(c.sizeLimit(), c.timeLimit(), c.maxPagedSearches(), c.maxValueRange(),
                c.maxFilterDepth(), c.maxFilterComponents());
    }
}
