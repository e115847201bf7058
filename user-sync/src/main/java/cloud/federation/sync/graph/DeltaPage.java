package cloud.federation.sync.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One page of a Graph delta response, read as a stream so a page of a thousand users is never held as a whole:
 * each object of {@code value} goes to the consumer as it is parsed; the links are collected wherever they appear.
 * A body that ends early or is not JSON fails the page (and so the run).
 */
final class DeltaPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    String nextLink;
    String deltaLink;
    int objects;

    static DeltaPage read(InputStream body, Consumer<JsonNode> onObject) throws IOException {
        DeltaPage page = new DeltaPage();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Graph page is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "value" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IOException("Graph page 'value' is not an array");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode object = p.readValueAsTree();
                            if (!object.hasNonNull("id")) {
                                throw new IOException("Graph object without id");
                            }
                            page.objects++;
                            onObject.accept(object);
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw new IOException("Graph page 'value' holds a non-object");
                        }
                    }
                    case "@odata.nextLink" -> page.nextLink = p.getValueAsString();
                    case "@odata.deltaLink" -> page.deltaLink = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("Graph page does not end as one JSON object");
            }
        }
        if (page.nextLink == null && page.deltaLink == null) {
            throw new IOException("Graph page carries neither @odata.nextLink nor @odata.deltaLink");
        }
        return page;
    }
}
