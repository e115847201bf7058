package cloud.federation.sync.engine;

/** Called once per upstream page: renews the run's lease and lets a cancelled run stop between pages. */
@FunctionalInterface
public interface RunProgress {

    void page() throws UpstreamException;

    RunProgress NONE = () -> { };
}
