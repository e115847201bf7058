package cloud.federation.ldap.tree;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;

import java.io.IOException;
import java.io.InputStream;

/** The standard schema plus our AD-compatible attributes: what matching rules and the subschema entry use. */
public final class DirectorySchema {

    private static final Schema SCHEMA = load();

    private DirectorySchema() {
    }

    public static Schema get() {
        return SCHEMA;
    }

    private static Schema load() {
        try (InputStream ours = DirectorySchema.class.getResourceAsStream("/cloud/federation/ldap/federation-schema.ldif")) {
            return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), Schema.getSchema(ours));
        } catch (IOException | LDIFException | LDAPException e) {
            throw new IllegalStateException("the directory schema does not load", e);
        }
    }
}
