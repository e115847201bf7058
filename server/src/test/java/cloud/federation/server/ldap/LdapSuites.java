package cloud.federation.server.ldap;

import cloud.federation.server.support.AdminApi;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.restassured.path.json.JsonPath;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/** Registers suites with an LDAP credential through the admin API, and connects as them. */
final class LdapSuites {

    private LdapSuites() {
    }

    /** A new suite of {@code realm}: its id, bindDn and (once-shown) LDAP password. */
    static Map<String, String> register(String realm, String clientId) {
        String location = AdminApi.admin().contentType("application/json")
                .body("{\"clientId\":\"" + clientId + "\",\"redirectUris\":[\"https://suite.example/cb\"]}")
                .post("/admin/realms/" + realm + "/clients").then().statusCode(201).extract().header("Location");
        return rotate(realm, location.substring(location.lastIndexOf('/') + 1));
    }

    static Map<String, String> rotate(String realm, String id) {
        JsonPath credential = AdminApi.admin().post("/admin/realms/" + realm + "/clients/" + id + "/ldap-credential")
                .then().statusCode(200).extract().jsonPath();
        return Map.of("id", id, "bindDn", credential.getString("bindDn"), "password", credential.getString("password"));
    }

    /** An LDAPS connection trusting only the listener's certificate, bound as the suite. */
    static LDAPConnection connect(int port, Path certificate, String bindDn, String password) throws LDAPException {
        try {
            SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(certificate.toFile()));
            LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), "localhost", port);
            try {
                c.bind(bindDn, password);
            } catch (LDAPException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many entries a paged run of {@code request} returns. */
    static int pagedCount(LDAPConnection c, SearchRequest request, int pageSize) throws LDAPException {
        int total = 0;
        ASN1OctetString cookie = null;
        do {
            request.setControls(new SimplePagedResultsControl(pageSize, cookie));
            SearchResult page = c.search(request);
            total += page.getEntryCount();
            cookie = SimplePagedResultsControl.get(page).getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
        return total;
    }
}
