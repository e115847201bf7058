package cloud.federation.sync.simulator;

/**
 * One request as a simulator saw it arrive. Tests use these to assert on call patterns and on pacing (the arrival
 * {@code nanoTime} of a throttled request and of its retry give the back-off the client really waited).
 *
 * @param method     HTTP method
 * @param path       request path, not decoded
 * @param rawQuery   query string as sent (not decoded), empty when there was none
 * @param nanoTime   {@link System#nanoTime()} on arrival, before any fault was applied
 * @param authorized whether the request proved who it is: a currently valid bearer token on API calls, valid client
 *                   credentials on a token request
 */
public record RecordedRequest(String method, String path, String rawQuery, long nanoTime, boolean authorized) {
}
