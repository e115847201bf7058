package cloud.federation.ldap.protocol;

/**
 * What every connection of every listener shares: the suites' credentials, the realms' trees, the limits, the
 * bind throttle and the connection registry (null where nothing counts connections, as in unit tests).
 */
public record DirectoryContext(SuiteCredentials credentials, RealmTrees trees, FacadeLimits limits,
                               BindThrottle throttle, ConnectionRegistry connections) {
}
