package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.RealmTree;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tree each realm serves now. A new commit replaces a realm's tree in one step; a search holds the tree it
 * started on, so it never mixes two commits.
 */
public final class RealmTrees {

    private final Map<String, RealmTree> trees = new ConcurrentHashMap<>();

    public void publish(RealmTree tree) {
        trees.put(tree.realm(), tree);
    }

    public void remove(String realm) {
        trees.remove(realm);
    }

    public Optional<RealmTree> current(String realm) {
        return Optional.ofNullable(trees.get(realm));
    }
}
