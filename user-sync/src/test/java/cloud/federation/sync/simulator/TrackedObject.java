package cloud.federation.sync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A user or group with the change bookkeeping delta query needs: the directory sequence at which it was created,
 * restored, deleted and last changed, and per property when it last changed. Guarded by the directory's lock.
 */
final class TrackedObject {

    enum State { LIVE, SOFT_DELETED, HARD_DELETED }

    record MemberEvent(long sequence, String memberId, boolean added) {
    }

    final String id;
    final boolean group;
    final Object[] values;
    /** Null until a property changes after creation: most of 100,000 generated users never change. */
    private long[] changedAt;
    long createdAt;
    long restoredAt = -1;
    long stateChangedAt;
    long lastChange;
    State state = State.LIVE;

    String manager;
    String previousManager;
    long managerChangedAt = -1;

    final LinkedHashSet<String> members;
    final List<MemberEvent> memberLog;
    /** Groups a soft-deleted user was taken out of, so a restore can put them back as Entra does. */
    List<String> groupsBeforeDeletion = List.of();

    TrackedObject(String id, boolean group, Object[] values, long createdAt) {
        this.id = id;
        this.group = group;
        this.values = values;
        this.createdAt = createdAt;
        this.lastChange = createdAt;
        this.members = group ? new LinkedHashSet<>() : null;
        this.memberLog = group ? new ArrayList<>() : null;
    }

    Object value(int index) {
        return values[index];
    }

    /** Sets a value; returns false when it was already equal, so no-op updates do not show up in delta. */
    boolean set(int index, Object value, long sequence) {
        if (Objects.equals(values[index], value)) {
            return false;
        }
        values[index] = value;
        if (changedAt == null) {
            changedAt = new long[values.length];
            java.util.Arrays.fill(changedAt, -1);
        }
        changedAt[index] = sequence;
        return true;
    }

    boolean changedSince(int index, long from) {
        return changedAt != null && changedAt[index] > from;
    }

    boolean managerChangedSince(long from) {
        return managerChangedAt > from;
    }

    boolean membersChangedSince(long from) {
        return !memberLog.isEmpty() && memberLog.get(memberLog.size() - 1).sequence() > from;
    }

    /** Whether everything about the object is new to a client that synced up to {@code from}. */
    boolean wholeSince(long from) {
        return from < 0 || createdAt > from || restoredAt > from;
    }
}
