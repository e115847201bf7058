package cloud.federation.sync.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MassDeletionGuardTest {

    private static final MassDeletionGuard DEFAULT = new MassDeletionGuard(0.10, 50);

    private static SyncPlan removing(int removed, int servedBefore) {
        SyncPlan plan = new SyncPlan();
        plan.removed = removed;
        plan.servedBefore = servedBefore;
        return plan;
    }

    @Test
    void holdsWhenBothTheShareAndTheFloorAreExceeded() {
        assertTrue(DEFAULT.holds(removing(51, 500), null));
        assertTrue(DEFAULT.holds(removing(100, 100), null));
    }

    @Test
    void passesSmallOrProportionateRemovals() {
        assertFalse(DEFAULT.holds(removing(49, 60), null), "under the floor of 50");
        assertFalse(DEFAULT.holds(removing(50, 500), null), "exactly 10 % is not more than 10 %");
        assertFalse(DEFAULT.holds(removing(60, 1000), null));
    }

    @Test
    void anApprovalCoversUpToTheApprovedCountOnly() {
        assertFalse(DEFAULT.holds(removing(80, 100), 80));
        assertTrue(DEFAULT.holds(removing(81, 100), 80), "more were deleted since the admin confirmed");
    }
}
