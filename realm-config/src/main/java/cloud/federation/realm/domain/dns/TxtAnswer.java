package cloud.federation.realm.domain.dns;

import java.util.List;

/**
 * The TXT records published at exactly one name, each record's character-strings joined into one string.
 * {@code noSuchDomain} is true when the name does not exist at all (NXDOMAIN); then there are no records.
 */
public record TxtAnswer(boolean noSuchDomain, List<String> records) {

    public TxtAnswer {
        records = List.copyOf(records);
    }
}
