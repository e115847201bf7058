package cloud.federation.sync.engine;

/** The upstream could not be read to the end; the run commits nothing. The message is safe to show to admins. */
public class UpstreamException extends Exception {
    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
