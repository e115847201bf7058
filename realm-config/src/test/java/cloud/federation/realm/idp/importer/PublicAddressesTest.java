package cloud.federation.realm.idp.importer;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicAddressesTest {

    @Test
    void ourOwnNetworksAreNotPublic() throws Exception {
        for (String inner : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1", "198.18.0.1"}) {
            assertFalse(PublicAddresses.isPublic(InetAddress.getByName(inner)), inner);
        }
        for (String outer : new String[] {"8.8.8.8", "20.190.128.1", "2001:4860:4860::8888"}) {
            assertTrue(PublicAddresses.isPublic(InetAddress.getByName(outer)), outer);
        }
    }

    @Test
    void aRestrictedFetcherRefusesPlainHttpAndInnerHostsBeforeConnecting() {
        DocumentFetcher restricted = new DocumentFetcher(Duration.ofSeconds(1), 1000, true);
        ImportException http = assertThrows(ImportException.class,
                () -> restricted.fetch(java.net.URI.create("http://idp.example/metadata")));
        assertTrue(http.getMessage().contains("only use https URLs"), http.getMessage());
        ImportException inner = assertThrows(ImportException.class,
                () -> restricted.fetch(java.net.URI.create("https://127.0.0.1:1/metadata")));
        assertTrue(inner.getMessage().contains("not a public address"), inner.getMessage());
        ImportException metadataService = assertThrows(ImportException.class,
                () -> restricted.fetch(java.net.URI.create("https://169.254.169.254/latest/meta-data")));
        assertTrue(metadataService.getMessage().contains("not a public address"), metadataService.getMessage());
    }
}
