package cloud.federation.saml;

import cloud.federation.realm.idp.importer.SamlMetadataImporter;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.util.XMLObjectSupport;
import org.w3c.dom.Element;

/** OpenSAML set-up (shared with the metadata importer) and serialisation of our own outgoing messages. */
public final class SamlXml {

    private SamlXml() {
    }

    /** Ensures OpenSAML is initialised (the importer's class initialiser does it once per JVM). */
    public static void init() {
        SamlMetadataImporter.parserPool();
    }

    public static String serialize(XMLObject object) {
        try {
            Element dom = XMLObjectSupport.marshall(object);
            return SerializeSupport.nodeToString(dom);
        } catch (MarshallingException e) {
            throw new IllegalStateException("cannot marshal " + object.getElementQName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T extends XMLObject> T build(javax.xml.namespace.QName name) {
        init();
        return (T) XMLObjectSupport.buildXMLObject(name);
    }
}
