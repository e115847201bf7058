package cloud.federation.realm.domain;

import cloud.federation.realm.domain.dns.TxtAnswer;

import java.util.List;
import java.util.Locale;

/**
 * Whether the TXT records at a domain prove a realm's claim: one of them must read
 * {@code federation-verification=<token>} with this claim's token. Reasons never repeat the token, so they can be
 * logged.
 */
public final class VerificationRecord {

    public static final String PREFIX = "federation-verification=";
    private static final String LOOKUP_FAILED = "DNS lookup failed: ";

    private VerificationRecord() {
    }

    /** The outcome of one check: verified, or why not. */
    public record Check(boolean verified, String failure) {

        static Check proven() {
            return new Check(true, null);
        }

        static Check failed(String reason) {
            return new Check(false, reason);
        }

        static Check unanswered(String reason) {
            return new Check(false, LOOKUP_FAILED + reason);
        }

        /** DNS gave no usable answer, as opposed to an answer without the record. */
        public boolean lookupFailed() {
            return failure != null && failure.startsWith(LOOKUP_FAILED);
        }
    }

    public static Check check(DomainName domain, String token, TxtAnswer answer) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a claim without a token cannot be proven");
        }
        String missing = "no TXT record " + PREFIX + "… at " + domain;
        if (answer.noSuchDomain()) {
            return Check.failed(missing + ": the name does not exist in DNS (NXDOMAIN)");
        }
        List<String> records = answer.records();
        if (records.isEmpty()) {
            return Check.failed(missing + ": it has no TXT records");
        }
        boolean otherToken = false;
        for (String record : records) {
            String value = valueOf(record);
            if (value == null) {
                continue;
            }
            if (value.equals(token)) {
                return Check.proven();
            }
            otherToken = true;
        }
        return Check.failed(otherToken
                ? missing + ": its " + PREFIX + " record carries another token (see verificationRecord)"
                : missing + ": found " + records.size() + " other TXT record" + (records.size() == 1 ? "" : "s"));
    }

    /**
     * The token a TXT record offers, or null when it is no verification record. DNS consoles differ in whether the
     * quotes typed around a value become part of it, so one pair of surrounding quotes is tolerated, and so is
     * whitespace around the value and the prefix's case.
     */
    static String valueOf(String record) {
        String text = record.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (!text.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return null;
        }
        return text.substring(PREFIX.length()).strip();
    }
}
