package cloud.federation.realm.domain.dns;

/** The DNS question got no usable answer (timeout, unreachable server, SERVFAIL/REFUSED, malformed message). */
public class DnsLookupException extends Exception {

    public DnsLookupException(String message) {
        super(message);
    }
}
