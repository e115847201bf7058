package cloud.federation.realm.secrets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(20_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("pbkdf2-sha512$20000$"));
        assertFalse(hash.contains("correct horse"));
        assertTrue(hasher.verify("correct horse battery staple", hash));
        assertFalse(hasher.verify("correct horse battery stapl", hash));
        assertFalse(hasher.verify(null, hash));
        assertFalse(hasher.verify("x", "plaintext-not-a-hash"));
    }

    @Test
    void saltsEachHash() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void hashesMadeWithAnotherCostStillVerify() {
        String old = new PasswordHasher(10_000).hash("pw");
        assertTrue(hasher.verify("pw", old));
    }

    @Test
    void refusesACostThatIsNotSlow() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(1000));
    }
}
