package cloud.federation.sync.engine;

import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeSetTest {

    @Test
    void replaysAndDuplicatesFoldIntoOneUserWhereTheLaterMessageWins() {
        ChangeSet c = new ChangeSet();
        c.user(new UserPatch("1").set(UserAttribute.DEPARTMENT, "Sales").set(UserAttribute.CITY, "Oslo"));
        c.user(new UserPatch("1").set(UserAttribute.DEPARTMENT, "Support"));
        assertEquals(1, c.users().size());
        assertEquals(Map.of("department", List.of("Support"), "city", List.of("Oslo")), c.users().get("1").attributes());
    }

    @Test
    void aRemovalAfterAnUpdateWinsAndARestoreAfterARemovalWins() {
        ChangeSet c = new ChangeSet();
        c.user(new UserPatch("1"));
        c.userRemoved("1");
        assertTrue(c.users().isEmpty());
        assertEquals(Set.of("1"), c.removedUsers());
        c.user(new UserPatch("1").set(UserAttribute.CITY, "Oslo"));
        assertTrue(c.removedUsers().isEmpty());
        assertEquals(1, c.users().size());
    }

    @Test
    void groupMemberSlicesAcrossPagesMerge() {
        ChangeSet c = new ChangeSet();
        c.group(new GroupPatch("g").displayName("Sales").add("u1", GroupPatch.MemberKind.user));
        c.group(new GroupPatch("g").add("u2", GroupPatch.MemberKind.user).add("g2", GroupPatch.MemberKind.group));
        c.group(new GroupPatch("g").remove("u1"));
        GroupPatch g = c.groups().get("g");
        assertEquals("Sales", g.displayName());
        assertEquals(Set.of("u2", "g2"), g.added().keySet());
        assertEquals(Set.of("u1"), g.removed());
    }

    @Test
    void restartingAListingForgetsWhatTheExpiredDeltaSaid() {
        ChangeSet c = new ChangeSet();
        c.user(new UserPatch("1"));
        c.userRemoved("2");
        c.beginUserListing();
        assertTrue(c.fullUsers());
        assertTrue(c.users().isEmpty());
        assertTrue(c.removedUsers().isEmpty());
    }
}
