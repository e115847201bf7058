package cloud.federation.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes against the server it deploys: every setting it passes is one the README documents, probes and
 * ports are the server's, every Secret key it reads is in the example Secret, Services reach the pods, and there are
 * at least two replicas. (The manifests cannot run here; what they claim about the server can be checked.)
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(DEPLOY.resolve(file).toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
        }
        return out;
    }

    private static JsonNode deployment() throws IOException {
        return documents("deployment.yaml").get(0);
    }

    private static JsonNode container() throws IOException {
        return deployment().at("/spec/template/spec/containers/0");
    }

    @Test
    void everySettingPassedIsDocumentedAndEverySecretKeyExists() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        // Documented as an environment variable, or as a property whose environment form it is (Quarkus: upper
        // case, '.' and '-' become '_').
        Set<String> documented = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`((?:FEDERATION_[A-Z0-9_]+)|(?:federation\\.[a-z0-9.-]+))`")
                .matcher(readme);
        while (m.find()) {
            documented.add(m.group(1).toUpperCase().replace('.', '_').replace('-', '_'));
        }
        JsonNode secret = documents("secret.example.yaml").get(0);
        for (JsonNode env : container().get("env")) {
            String name = env.get("name").asText();
            assertTrue(documented.contains(name), name + " is not documented in the README");
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertEquals(secret.at("/metadata/name").asText(), ref.get("name").asText());
                assertTrue(secret.at("/stringData").has(ref.get("key").asText()), "no key " + ref.get("key"));
            }
        }
    }

    @Test
    void probesAndPortsAreTheServers() throws IOException {
        JsonNode c = container();
        assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", c.at("/startupProbe/httpGet/path").asText());
        Set<String> ports = new HashSet<>();
        c.get("ports").forEach(p -> ports.add(p.get("name").asText() + "=" + p.get("containerPort").asInt()));
        assertEquals(Set.of("http=8080", "ldaps=1636", "ldap=1389"), ports, "the server's default ports");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("| `federation.ldap.ldaps-port` | `1636` |"));
        assertTrue(readme.contains("| `federation.ldap.ldap-port` | `1389` |"));
        assertTrue(readme.contains("| `FEDERATION_HTTP_PORT` | `8080` |"));
    }

    @Test
    void servicesReachTwoOrMoreReplicas() throws IOException {
        JsonNode d = deployment();
        assertTrue(d.at("/spec/replicas").asInt() >= 2, "several nodes");
        JsonNode podLabels = d.at("/spec/template/metadata/labels");
        assertEquals(d.at("/spec/selector/matchLabels"), podLabels);
        Set<String> portNames = new HashSet<>();
        container().get("ports").forEach(p -> portNames.add(p.get("name").asText()));
        List<JsonNode> services = documents("services.yaml");
        assertEquals(2, services.size());
        for (JsonNode s : services) {
            s.at("/spec/selector").fields().forEachRemaining(e ->
                    assertEquals(e.getValue(), podLabels.get(e.getKey()), "selects the pods: " + e.getKey()));
            s.at("/spec/ports").forEach(p -> assertTrue(portNames.contains(p.get("targetPort").asText()),
                    "target port " + p.get("targetPort")));
        }
        assertTrue(services.stream().anyMatch(s -> s.at("/spec/ports").findValuesAsText("targetPort").contains("ldaps")),
                "LDAPS exposed");
        for (JsonNode resource : documents("kustomization.yaml").get(0).get("resources")) {
            assertTrue(Files.exists(DEPLOY.resolve(resource.asText())), resource.asText());
        }
    }
}
