package cloud.federation.server.keycloak;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak's own admin CLI (kcadm.sh from keycloak-quarkus-dist 26.4.5), unmodified, drives our admin API. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class KeycloakAdminCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    record Run(int exit, String stdout, String stderr) {
    }

    private Run kcadm(Path config, String... args) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.5"));
        Path script = home.resolve("bin/kcadm.sh");
        assertTrue(Files.isRegularFile(script), "kcadm.sh not unpacked at " + script);
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        File out = Files.createTempFile("kcadm", ".out").toFile();
        File err = Files.createTempFile("kcadm", ".err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kcadm.sh timed out: " + String.join(" ", args));
        return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private Run ok(Path config, String... args) throws Exception {
        Run run = kcadm(config, args);
        assertEquals(0, run.exit(), "kcadm " + String.join(" ", args) + " failed: " + run.stderr() + run.stdout());
        return run;
    }

    @Test
    void kcadmConfiguresAContosoRealmAndReadsItBack() throws Exception {
        Path config = Files.createTempDirectory("kcadm").resolve("kcadm.config");
        String server = base.toString().replaceAll("/$", "");

        Run login = ok(config, "config", "credentials", "--server", server, "--realm", "master",
                "--user", AdminApi.ADMIN, "--password", AdminApi.ADMIN_PASSWORD);
        assertTrue(login.stderr().contains("Logging into " + server), login.stderr());

        Run realm = ok(config, "create", "realms", "-s", "realm=contoso", "-s", "enabled=true");
        assertTrue(realm.stderr().contains("Created new realm with id 'contoso'"), realm.stderr());

        Run idp = ok(config, "create", "identity-provider/instances", "-r", "contoso", "-s", "alias=contoso-entra",
                "-s", "providerId=saml", "-s", "displayName=Contoso Entra ID",
                "-s", "config.singleSignOnServiceUrl=https://login.microsoftonline.com/contoso/saml2");
        assertTrue(idp.stderr().contains("Created new instance with id 'contoso-entra'"), idp.stderr());

        Run client = ok(config, "create", "clients", "-r", "contoso", "-s", "clientId=suite-a",
                "-s", "redirectUris=[\"https://suite-a.contoso.com/oidc/callback\"]", "-i");
        String clientId = client.stdout().trim();
        assertTrue(clientId.matches("[0-9a-f-]{36}"), "kcadm -i prints the new id: " + client.stdout());

        JsonNode readRealm = JSON.readTree(ok(config, "get", "realms/contoso").stdout());
        assertEquals("contoso", readRealm.path("realm").asText());
        assertTrue(readRealm.path("enabled").asBoolean());

        JsonNode idps = JSON.readTree(ok(config, "get", "identity-provider/instances", "-r", "contoso").stdout());
        assertEquals(1, idps.size());
        assertEquals("contoso-entra", idps.get(0).path("alias").asText());
        assertEquals("saml", idps.get(0).path("providerId").asText());
        assertEquals("Contoso Entra ID", idps.get(0).path("displayName").asText());
        assertEquals("https://login.microsoftonline.com/contoso/saml2",
                idps.get(0).path("config").path("singleSignOnServiceUrl").asText());

        JsonNode clients = JSON.readTree(ok(config, "get", "clients", "-r", "contoso", "-q", "clientId=suite-a").stdout());
        assertEquals(1, clients.size());
        assertEquals(clientId, clients.get(0).path("id").asText());
        assertEquals("https://suite-a.contoso.com/oidc/callback", clients.get(0).path("redirectUris").get(0).asText());

        // Our refusals reach kcadm users as readable messages, not stack traces.
        Run duplicate = kcadm(config, "create", "realms", "-s", "realm=contoso", "-s", "enabled=true");
        assertEquals(1, duplicate.exit());
        assertTrue(duplicate.stderr().contains("Realm 'contoso' already exists"), duplicate.stderr());
        Run badLogin = kcadm(Files.createTempDirectory("kcadm").resolve("c"), "config", "credentials", "--server", server,
                "--realm", "master", "--user", "nobody-" + System.nanoTime(), "--password", "wrong");
        assertEquals(1, badLogin.exit());
        assertTrue(badLogin.stderr().contains("Invalid user credentials [invalid_grant]"), badLogin.stderr());
    }
}
