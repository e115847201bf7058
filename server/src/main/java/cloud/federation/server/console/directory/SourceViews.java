package cloud.federation.server.console.directory;

import cloud.federation.sync.source.DirectorySourceAdmin;
import cloud.federation.sync.source.DirectorySourceRepresentation;
import cloud.federation.sync.store.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the directory-source pages show, read through the same service as the admin API. */
@ApplicationScoped
public class SourceViews {

    /** Runs the source page lists. */
    static final int HISTORY = 25;

    @Inject
    DirectorySourceAdmin sources;

    /** A row of the list: the source, its latest run (null if never run) and what its last good run served. */
    public record Summary(String id, String name, String kind, String kindLabel, boolean enabled, String schedule,
                          String filter, SyncRun lastRun, Integer served) {
    }

    /**
     * A settings field with what the form shows in it. Secrets never carry a value: {@code stored} says one is set.
     */
    public record FieldView(String key, String label, String hint, boolean secret, boolean multiline,
                            List<String> options, String value, boolean stored) {
    }

    /** A source's page; {@code id} is null for a source not created yet. */
    public record SourceView(String id, String kind, String kindLabel, String name, boolean enabled, String schedule,
                             String filter, List<FieldView> fields, List<SyncRun> runs, SyncRun held, Integer served,
                             boolean running) {
    }

    public List<Summary> list(String realm) {
        return sources.list(realm).stream().map(s -> {
            List<SyncRun> runs = sources.runs(realm, s.id, HISTORY);
            String kind = SourceFields.kind(s.type);
            return new Summary(s.id, s.name, kind, SourceFields.label(kind), !Boolean.FALSE.equals(s.enabled),
                    s.schedule, s.filter, runs.isEmpty() ? null : runs.get(0), served(runs));
        }).toList();
    }

    /** An existing source; {@code submitted} (after a refused change) replaces the stored values shown. */
    public SourceView source(String realm, String id, SourceForm submitted, boolean operator) {
        DirectorySourceRepresentation rep = sources.get(realm, id);
        String kind = SourceFields.kind(rep.type);
        List<SyncRun> runs = sources.runs(realm, id, HISTORY);
        SyncRun latest = runs.isEmpty() ? null : runs.get(0);
        return new SourceView(rep.id, kind, SourceFields.label(kind),
                submitted == null ? rep.name : submitted.name, !Boolean.FALSE.equals(rep.enabled),
                submitted == null ? rep.schedule : submitted.schedule,
                submitted == null ? rep.filter : submitted.filter,
                fields(kind, rep.config, submitted, operator), runs,
                latest != null && latest.status() == SyncRun.Status.HELD ? latest : null, served(runs),
                latest != null && latest.status() == SyncRun.Status.RUNNING);
    }

    /** The form for a new source of this kind, empty or as submitted. */
    public SourceView blank(String kind, SourceForm submitted, boolean operator) {
        return new SourceView(null, kind, SourceFields.label(kind), submitted == null ? null : submitted.name, true,
                submitted == null ? null : submitted.schedule,
                submitted == null ? null : submitted.filter, fields(kind, Map.of(), submitted, operator), List.of(),
                null, null, false);
    }

    private static List<FieldView> fields(String kind, Map<String, String> stored, SourceForm submitted, boolean operator) {
        Map<String, String> entered = submitted == null ? Map.of() : submitted.config();
        return SourceFields.of(kind).stream().filter(f -> operator || !f.operatorOnly()).map(f -> {
            boolean set = f.secret() && stored.containsKey(f.key());
            String value = f.secret() ? null : submitted != null ? entered.get(f.key()) : stored.get(f.key());
            return new FieldView(f.key(), f.label(), f.hint(), f.secret(), f.multiline(), f.options(), value, set);
        }).toList();
    }

    private static Integer served(List<SyncRun> runs) {
        return runs.stream().filter(r -> r.status() == SyncRun.Status.SUCCEEDED).map(SyncRun::served)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
