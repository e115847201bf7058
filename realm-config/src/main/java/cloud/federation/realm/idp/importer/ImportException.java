package cloud.federation.realm.idp.importer;

/** Why a metadata or discovery document was refused; the message is shown to the admin. */
public class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
