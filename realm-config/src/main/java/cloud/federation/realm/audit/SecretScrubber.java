package cloud.federation.realm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Masks every value whose key names a secret before a representation is stored in the audit log or exported. */
public final class SecretScrubber {

    public static final String MASK = "**********";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|credential|privatekey|private_key|token|signingkey|value).*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretScrubber() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    public static String scrubToJson(Object representation) {
        if (representation == null) {
            return null;
        }
        JsonNode tree = JSON.valueToTree(representation);
        scrub(tree);
        return tree.toString();
    }

    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secretKeys = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
                if (isSecretKey(field.getKey()) && !field.getValue().isNull() && field.getValue().isValueNode()) {
                    secretKeys.add(field.getKey());
                } else {
                    scrub(field.getValue());
                }
            }
            secretKeys.forEach(k -> object.set(k, TextNode.valueOf(MASK)));
        } else if (node != null && node.isArray()) {
            node.forEach(SecretScrubber::scrub);
        }
    }
}
