package cloud.federation.server.console.suites;

/**
 * Secrets the console shows exactly once, in the answer to the POST that created them: the server keeps only
 * hashes, so no later page can show them again. A part not created by that POST is null.
 */
public record ShownOnce(String heading, String suiteName, String clientId, String clientSecret, String ldapBindDn,
                        String ldapPassword) {
}
