package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users or groups delta collection: lays out a round's pages when it starts, then serves them by skiptoken.
 * A round's layout is kept (a few rounds at a time) so paging stays stable while tests mutate the directory; objects
 * are rendered with their current values when their page is served, as Graph's replays allow.
 */
final class DeltaFeed {

    record Page(List<ObjectNode> value, DeltaCursor next, DeltaCursor deltaLink, boolean firstOfRound) {
    }

    private record Ref(String id, int slice) {
    }

    /** Pages of object appearances; synthetic pages are the deliberately empty ones. */
    private record Layout(List<List<Ref>> pages, List<Boolean> synthetic) {
    }

    private static final int KEPT_ROUNDS = 8;

    private final GraphDirectory directory;
    private final boolean groups;
    private final DeltaOptions options;
    private final DeltaRenderer renderer;
    private final Map<String, Layout> layouts = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Layout> eldest) {
            return size() > KEPT_ROUNDS;
        }
    });

    DeltaFeed(GraphDirectory directory, boolean groups, DeltaOptions options) {
        this.directory = directory;
        this.groups = groups;
        this.options = options;
        this.renderer = new DeltaRenderer(directory, groups);
    }

    /** First page of a round reporting changes after {@code from} (-1: everything that exists). */
    Page start(long from, Selection selection, int generation, boolean minimal) {
        return directory.read(() -> {
            long snapshot = directory.currentSequence();
            DeltaCursor first = DeltaCursor.next(groups, generation, from, snapshot, 0, selection.canonical());
            return serve(first, selection, minimal, true);
        });
    }

    Page resume(DeltaCursor cursor, boolean minimal) {
        Selection selection = Selection.parse(cursor.select(), groups);
        return directory.read(() -> serve(cursor, selection, minimal, false));
    }

    /** "Sync from now" ({@code $deltatoken=latest}): no objects, just a deltaLink at the current position. */
    Page latest(Selection selection, int generation) {
        long now = directory.sequence();
        return new Page(List.of(), null, DeltaCursor.deltaAt(groups, generation, now, selection.canonical()), true);
    }

    private Page serve(DeltaCursor cursor, Selection selection, boolean minimal, boolean firstOfRound) {
        DeltaRenderer.Context context = new DeltaRenderer.Context(cursor.from(), selection,
                minimal || options.changedPropertiesOnly, Math.max(1, options.memberSliceSize),
                options.repeatGroupPropertiesInSlices);
        String key = cursor.generation() + "/" + cursor.from() + "/" + cursor.snapshot() + "/" + cursor.select();
        Layout layout = layouts.computeIfAbsent(key, k -> layout(context));
        int page = cursor.page();
        if (page < 0 || page >= layout.pages().size()) {
            throw new IllegalArgumentException("Invalid state token: no such page");
        }
        List<Ref> refs = new ArrayList<>();
        if (options.duplicateEveryObject && !layout.synthetic().get(page)) {
            // Replays are legal in delta; repeat the previous real page's objects so clients prove they tolerate them.
            for (int previous = page - 1; previous >= 0; previous--) {
                if (!layout.synthetic().get(previous)) {
                    refs.addAll(layout.pages().get(previous));
                    break;
                }
            }
        }
        refs.addAll(layout.pages().get(page));
        List<ObjectNode> value = new ArrayList<>(refs.size());
        for (Ref ref : refs) {
            value.add(renderer.render(directory.object(groups, ref.id()), ref.slice(), context));
        }
        boolean last = page == layout.pages().size() - 1;
        DeltaCursor next = last ? null : DeltaCursor.next(groups, cursor.generation(), cursor.from(), cursor.snapshot(),
                page + 1, cursor.select());
        DeltaCursor deltaLink = last ? DeltaCursor.deltaAt(groups, cursor.generation(), cursor.snapshot(), cursor.select())
                : null;
        return new Page(value, next, deltaLink, firstOfRound);
    }

    private Layout layout(DeltaRenderer.Context context) {
        int pageSize = Math.max(1, options.pageSize);
        List<List<Ref>> real = new ArrayList<>();
        List<Ref> current = new ArrayList<>();
        for (TrackedObject object : directory.objects(groups)) {
            if (!renderer.inRound(object, context)) {
                continue;
            }
            int slices = renderer.slices(object, context);
            for (int slice = 0; slice < slices; slice++) {
                current.add(new Ref(object.id, slice));
                // A group with more member slices to come ends the page, as a large group fills a whole Graph page.
                if (current.size() >= pageSize || slice < slices - 1) {
                    real.add(current);
                    current = new ArrayList<>();
                }
            }
        }
        if (!current.isEmpty() || real.isEmpty()) {
            real.add(current);
        }
        int emptyEvery = options.emptyPageEvery;
        List<List<Ref>> pages = new ArrayList<>();
        List<Boolean> synthetic = new ArrayList<>();
        for (int i = 0; i < real.size(); i++) {
            pages.add(real.get(i));
            synthetic.add(false);
            if (emptyEvery > 0 && (i + 1) % emptyEvery == 0 && i < real.size() - 1) {
                pages.add(List.of());
                synthetic.add(true);
            }
        }
        return new Layout(pages, synthetic);
    }
}
