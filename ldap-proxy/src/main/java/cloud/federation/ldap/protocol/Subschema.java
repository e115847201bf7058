package cloud.federation.ldap.protocol;

import cloud.federation.ldap.tree.DirectorySchema;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;

/**
 * The subschema entry {@code cn=schema}: the standard schema plus our Active Directory attributes, so clients
 * that read the schema learn every attribute we return, its syntax and its matching rules.
 */
final class Subschema {

    static final String DN = "cn=schema";
    /** When our schema last changed; bump with every change to federation-schema.ldif. */
    static final String MODIFIED = "20261126000000Z";

    private static final Entry ENTRY = build();

    private Subschema() {
    }

    static Entry entry() {
        return ENTRY.duplicate();
    }

    private static Entry build() {
        Entry schema = DirectorySchema.get().getSchemaEntry();
        Entry e = new Entry(DN);
        e.addAttribute("objectClass", "top", "ldapSubentry", "subschema");
        e.addAttribute("cn", "schema");
        for (String name : new String[]{"attributeTypes", "objectClasses", "ldapSyntaxes", "matchingRules",
                "matchingRuleUse", "dITContentRules", "nameForms", "dITStructureRules"}) {
            Attribute a = schema.getAttribute(name);
            if (a != null && a.size() > 0) {
                e.addAttribute(a);
            }
        }
        e.addAttribute("modifyTimestamp", MODIFIED);
        e.addAttribute("createTimestamp", MODIFIED);
        return e;
    }
}
