package cloud.federation.sync.simulator;

import cloud.federation.sync.simulator.TrackedObject.MemberEvent;
import cloud.federation.sync.simulator.TrackedObject.State;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one user or group appears in a delta page: whether it belongs in a round at all, into how many member slices a
 * group splits, and the JSON of each appearance. Callers hold the directory's read lock.
 */
final class DeltaRenderer {

    /**
     * @param from                  the round reports changes after this sequence; -1 for a full round
     * @param changedOnly           updated objects carry only changed properties (Prefer: return=minimal)
     * @param sliceSize             members per {@code members@delta} appearance
     * @param repeatGroupProperties later appearances of a group repeat its properties, as the docs' example shows
     */
    record Context(long from, Selection selection, boolean changedOnly, int sliceSize, boolean repeatGroupProperties) {
    }

    private record MemberChange(String id, boolean added) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final GraphDirectory directory;
    private final boolean groups;

    DeltaRenderer(GraphDirectory directory, boolean groups) {
        this.directory = directory;
        this.groups = groups;
    }

    boolean inRound(TrackedObject object, Context context) {
        long from = context.from();
        if (from < 0) {
            return object.state == State.LIVE;
        }
        if (object.lastChange <= from) {
            return false;
        }
        if (object.state != State.LIVE || object.wholeSince(from)) {
            return true;
        }
        // A change to a property the client does not track does not make the object appear.
        for (String property : context.selection().properties()) {
            if (object.changedSince(GraphSchema.index(groups, property), from)) {
                return true;
            }
        }
        return context.selection().navigation()
                && (groups ? object.membersChangedSince(from) : object.managerChangedSince(from));
    }

    int slices(TrackedObject object, Context context) {
        if (!groups || !context.selection().navigation() || object.state != State.LIVE) {
            return 1;
        }
        int changes = memberChanges(object, context.from()).size();
        return Math.max(1, (changes + context.sliceSize() - 1) / context.sliceSize());
    }

    ObjectNode render(TrackedObject object, int slice, Context context) {
        ObjectNode node = JSON.objectNode();
        if (object.state != State.LIVE) {
            node.put("id", object.id);
            // Soft-deleted users can come back from deletedItems ("changed"); anything else is gone for good.
            boolean restorable = object.state == State.SOFT_DELETED;
            node.putObject("@removed").put("reason", restorable ? "changed" : "deleted");
            return node;
        }
        long from = context.from();
        boolean whole = object.wholeSince(from);
        if (slice == 0 || context.repeatGroupProperties()) {
            for (String property : context.selection().properties()) {
                int index = GraphSchema.index(groups, property);
                Object value = object.value(index);
                boolean changed = !whole && object.changedSince(index, from);
                if (changed || ((whole || !context.changedOnly()) && value != null)) {
                    put(node, property, value);
                }
            }
        }
        node.put("id", object.id);
        if (context.selection().navigation()) {
            if (groups) {
                putMembers(node, object, slice, context);
            } else if (slice == 0) {
                putManager(node, object, whole, context);
            }
        }
        return node;
    }

    private void putManager(ObjectNode node, TrackedObject user, boolean whole, Context context) {
        if (!whole && user.managerChangedSince(context.from())) {
            ArrayNode delta = node.putArray("manager@delta");
            if (user.manager != null) {
                delta.add(reference(user.manager, false));
            } else if (user.previousManager != null) {
                delta.add(reference(user.previousManager, true));
            }
        } else if ((whole || !context.changedOnly()) && user.manager != null) {
            node.putArray("manager@delta").add(reference(user.manager, false));
        }
    }

    private void putMembers(ObjectNode node, TrackedObject group, int slice, Context context) {
        List<MemberChange> changes = memberChanges(group, context.from());
        int start = slice * context.sliceSize();
        if (start >= changes.size()) {
            return;
        }
        ArrayNode delta = node.putArray("members@delta");
        for (MemberChange change : changes.subList(start, Math.min(changes.size(), start + context.sliceSize()))) {
            delta.add(reference(change.id(), !change.added()));
        }
    }

    /** Current members for a client that has never seen the group; otherwise the net effect of changes after from. */
    private static List<MemberChange> memberChanges(TrackedObject group, long from) {
        List<MemberChange> changes = new ArrayList<>();
        if (group.wholeSince(from)) {
            for (String member : group.members) {
                changes.add(new MemberChange(member, true));
            }
            return changes;
        }
        Map<String, Boolean> net = new LinkedHashMap<>();
        List<MemberEvent> log = group.memberLog;
        int first = log.size();
        while (first > 0 && log.get(first - 1).sequence() > from) {
            first--;
        }
        for (MemberEvent event : log.subList(first, log.size())) {
            net.remove(event.memberId());
            net.put(event.memberId(), event.added());
        }
        net.forEach((id, added) -> changes.add(new MemberChange(id, added)));
        return changes;
    }

    private ObjectNode reference(String id, boolean removed) {
        ObjectNode reference = JSON.objectNode();
        reference.put("@odata.type", directory.isGroup(id) ? "#microsoft.graph.group" : "#microsoft.graph.user");
        reference.put("id", id);
        if (removed) {
            reference.putObject("@removed").put("reason", "deleted");
        }
        return reference;
    }

    private static void put(ObjectNode node, String property, Object value) {
        if (value == null) {
            node.putNull(property);
        } else if (value instanceof Boolean flag) {
            node.put(property, flag);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(property);
            list.forEach(item -> array.add(String.valueOf(item)));
        } else {
            node.put(property, value.toString());
        }
    }
}
