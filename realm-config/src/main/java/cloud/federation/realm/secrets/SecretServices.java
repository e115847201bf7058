package cloud.federation.realm.secrets;

import cloud.federation.realm.FederationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** CDI wiring of the plain secret classes from configuration. */
@ApplicationScoped
public class SecretServices {

    @Produces
    @Singleton
    SecretCipher secretCipher(FederationConfig config) {
        return new SecretCipher(MasterKeySource.load(config.masterKey(), Path.of(config.masterKeyFile())));
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher(FederationConfig config) {
        return new PasswordHasher(config.passwordHashIterations());
    }
}
