package cloud.federation.server.console.suites;

import cloud.federation.realm.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteRegistrationFormTest {

    @Test
    void redirectUrlsAreOneALineWithBlanksAndRepeatsDropped() {
        assertEquals(List.of("https://a.example/cb", "https://b.example/cb"),
                SuiteRegistrationForm.redirectUrls("  https://a.example/cb \r\n\n https://b.example/cb\nhttps://a.example/cb\n"));
        assertEquals(400, assertThrows(ProblemException.class, () -> SuiteRegistrationForm.redirectUrls(" \n ")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> SuiteRegistrationForm.redirectUrls(null)).status());
    }

    @Test
    void aNewSuiteGetsAGeneratedClientIdAndTheGivenSecret() {
        ClientRepresentation one = SuiteRegistrationForm.newSuite(" Suite ", "https://a.example/cb", "s3cret");
        ClientRepresentation two = SuiteRegistrationForm.newSuite("Suite", "https://a.example/cb", "s3cret");
        assertTrue(one.getClientId().startsWith("suite-"));
        assertNotEquals(one.getClientId(), two.getClientId());
        assertEquals("Suite", one.getName());
        assertEquals("s3cret", one.getSecret());
        assertEquals(false, one.isPublicClient());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> SuiteRegistrationForm.newSuite(" ", "https://a.example/cb", "s")).status());
    }
}
