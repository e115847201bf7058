package cloud.federation.saml;

import cloud.federation.realm.api.UpstreamIdentity;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.core.NameID;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The assertion shapes Entra ID, Okta and ADFS send (NameID formats, attribute names, where the signature sits),
 * signed at test time with test keys, through the validator and the attribute mapping.
 */
class IdpAssertionShapesTest {

    static UpstreamIdentity signIn(ResponseFixture fixture, Map<String, String> idpConfig) throws Exception {
        return SamlIdentityMapping.identity(SamlResponseValidator.validate(fixture.encoded(), ResponseFixture.expectations()),
                idpConfig);
    }

    @Test
    void entraId() throws Exception {
        // Persistent opaque NameID, claims as URIs, the object id as the stable identifier, assertion signed.
        ResponseFixture entra = new ResponseFixture().with(f -> {
            f.nameIdFormat = NameID.PERSISTENT;
            f.nameId = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ";
            f.attributes = new LinkedHashMap<>();
            f.attributes.put("http://schemas.microsoft.com/identity/claims/tenantid", "6f0b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b");
            f.attributes.put("http://schemas.microsoft.com/identity/claims/objectidentifier", "0d3a7e8f-1111-2222-3333-444455556666");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "alice@contoso.example");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Alice");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Liddell");
            f.attributes.put("http://schemas.microsoft.com/identity/claims/displayname", "Alice Liddell");
        });
        UpstreamIdentity id = signIn(entra, Map.of("subjectAttribute", "http://schemas.microsoft.com/identity/claims/objectidentifier"));
        assertEquals("0d3a7e8f-1111-2222-3333-444455556666", id.subject());
        assertEquals("alice@contoso.example", id.email());
        assertEquals("Alice Liddell", id.name());
        assertEquals("Liddell", id.familyName());
    }

    @Test
    void okta() throws Exception {
        // emailAddress NameID, short attribute names, response and assertion both signed.
        ResponseFixture okta = new ResponseFixture().with(f -> {
            f.signResponse = true;
            f.attributes = new LinkedHashMap<>(Map.of("firstName", "Alice", "lastName", "Liddell", "email", "alice@contoso.example"));
        });
        UpstreamIdentity id = signIn(okta, Map.of());
        assertEquals("alice@contoso.example", id.subject());
        assertEquals("alice@contoso.example", id.email());
        assertEquals("Alice", id.givenName());
    }

    @Test
    void adfs() throws Exception {
        // Unspecified NameID (the UPN), WS-Federation claim URIs, assertion-only signature.
        ResponseFixture adfs = new ResponseFixture().with(f -> {
            f.nameIdFormat = NameID.UNSPECIFIED;
            f.nameId = "alice@corp.contoso.example";
            f.attributes = new LinkedHashMap<>();
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "alice@corp.contoso.example");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "alice@contoso.example");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Alice");
            f.attributes.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Liddell");
        });
        UpstreamIdentity id = signIn(adfs, Map.of());
        assertEquals("alice@corp.contoso.example", id.subject());
        assertEquals("alice@contoso.example", id.email(), "the email claim, not the UPN NameID");
        assertEquals("Alice Liddell", id.name());
    }
}
