package cloud.federation.realm.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainNameTest {

    @Test
    void lowerCasesAndDropsTheTrailingDot() {
        assertEquals("contoso.com", DomainName.parse(" Contoso.COM. ").value());
    }

    @Test
    void encodesInternationalNamesAsPunycode() {
        assertEquals("xn--bcher-kva.example", DomainName.parse("Bücher.example").value());
        assertEquals("xn--bcher-kva.example", DomainName.parse("xn--bcher-kva.example").value());
    }

    @Test
    void takesTheDomainOfALogin() {
        assertEquals("contoso.com", DomainName.ofLogin("Alice.Smith@CONTOSO.com").value());
        assertEquals("contoso.com", DomainName.ofLogin("contoso.com").value());
    }

    @Test
    void refusesWhatIsNotADomain() {
        for (String bad : new String[] {"", "localhost", "-bad.com", "bad-.com", "a..b", "exa mple.com", "x_y.com",
                "a".repeat(64) + ".com", "contoso.com/path"}) {
            assertThrows(IllegalArgumentException.class, () -> DomainName.parse(bad), bad);
        }
    }

    @Test
    void coversSubdomainsOnlyWhenAllowed() {
        DomainName parent = DomainName.parse("contoso.com");
        DomainName child = DomainName.parse("eu.contoso.com");
        assertTrue(parent.covers(parent, false));
        assertFalse(parent.covers(child, false));
        assertTrue(parent.covers(child, true));
        assertFalse(parent.covers(DomainName.parse("notcontoso.com"), true));
    }
}
