package cloud.federation.realm.domain;

import cloud.federation.realm.domain.dns.TxtAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationRecordTest {

    private static final DomainName DOMAIN = DomainName.parse("contoso.example");
    private static final String TOKEN = "q3V_x-9aB";

    private static VerificationRecord.Check check(String... records) {
        return VerificationRecord.check(DOMAIN, TOKEN, new TxtAnswer(false, List.of(records)));
    }

    @Test
    void oneMatchingRecordAmongOthersVerifies() {
        VerificationRecord.Check check = check("v=spf1 include:spf.protection.outlook.com -all",
                "google-site-verification=abc", "federation-verification=" + TOKEN, "MS=ms12345");
        assertTrue(check.verified());
        assertNull(check.failure());
    }

    @Test
    void quotesAndSpacesADnsConsoleKeptAreTolerated() {
        assertTrue(check("\"federation-verification=" + TOKEN + "\"").verified());
        assertTrue(check("  federation-verification=" + TOKEN + " ").verified());
        assertTrue(check("Federation-Verification=" + TOKEN).verified());
    }

    @Test
    void theTokenMustMatchExactly() {
        for (String wrong : new String[] {TOKEN.toLowerCase(), TOKEN + "x", TOKEN.substring(1), "", "x" + TOKEN}) {
            VerificationRecord.Check check = check("federation-verification=" + wrong);
            assertFalse(check.verified(), wrong);
            assertEquals("no TXT record federation-verification=… at contoso.example: its federation-verification= "
                    + "record carries another token (see verificationRecord)", check.failure());
        }
        assertFalse(check("federation-verification" + TOKEN).verified());
        assertFalse(check("xfederation-verification=" + TOKEN).verified());
        assertFalse(check("\"federation-verification=" + TOKEN).verified());
    }

    @Test
    void otherRecordsOnlyAreNamedAsSuch() {
        VerificationRecord.Check check = check("v=spf1 -all", "MS=ms12345");
        assertFalse(check.verified());
        assertEquals("no TXT record federation-verification=… at contoso.example: found 2 other TXT records",
                check.failure());
    }

    @Test
    void noTxtRecordsAndNoDomainAreTold() {
        assertEquals("no TXT record federation-verification=… at contoso.example: it has no TXT records",
                check().failure());
        VerificationRecord.Check nx = VerificationRecord.check(DOMAIN, TOKEN, new TxtAnswer(true, List.of()));
        assertFalse(nx.verified());
        assertEquals("no TXT record federation-verification=… at contoso.example: the name does not exist in DNS "
                + "(NXDOMAIN)", nx.failure());
        assertFalse(nx.lookupFailed());
    }

    @Test
    void reasonsNeverCarryTheToken() {
        for (VerificationRecord.Check check : List.of(check(), check("federation-verification=other"), check("x"))) {
            assertFalse(check.failure().contains(TOKEN));
        }
    }
}
