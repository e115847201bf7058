package cloud.federation.sync.filter;

/** A source filter that cannot be saved; the message is shown to the admin as is. */
public class InvalidFilterException extends RuntimeException {
    public InvalidFilterException(String detail) {
        super("Invalid LDAP filter: " + detail);
    }
}
