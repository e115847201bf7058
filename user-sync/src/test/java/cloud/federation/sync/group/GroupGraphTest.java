package cloud.federation.sync.group;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupGraphTest {

    @Test
    void nestedMembershipFollowsEveryLevel() {
        GroupGraph g = new GroupGraph();
        g.add("sales-emea", "alice");
        g.add("sales", "sales-emea");
        g.add("everyone", "sales");
        g.add("everyone", "bob");
        assertEquals(Set.of("sales-emea"), g.directGroups("alice"));
        assertEquals(Set.of("sales-emea", "sales", "everyone"), g.transitiveGroups("alice"));
        assertEquals(Set.of("sales", "sales-emea", "alice", "bob"), g.transitiveMembers("everyone"));
    }

    @Test
    void cyclesEnd() {
        GroupGraph g = new GroupGraph();
        g.add("a", "b");
        g.add("b", "a");
        g.add("a", "carol");
        assertEquals(Set.of("a", "b"), g.transitiveGroups("carol"));
        assertEquals(Set.of("b"), g.transitiveGroups("a"));
        assertEquals(Set.of("b", "carol"), g.transitiveMembers("a"));
    }
}
