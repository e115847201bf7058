package cloud.federation.server.console.suites;

/**
 * Secrets the console shows exactly once, on the one-time page the POST that created them redirects to (see
 * ConsoleReveals): the server keeps only hashes afterwards, so no later page can show them again. A part not created
 * by that POST is null.
 */
public record ShownOnce(String heading, String suiteName, String clientId, String clientSecret, String ldapBindDn,
                        String ldapPassword) {
}
