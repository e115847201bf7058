package cloud.federation.realm.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text columns for small string maps and lists, so the schema stays portable between H2 and PostgreSQL. */
public final class JsonConverters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonConverters() {
    }

    @Converter
    public static class StringMap implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> value) {
            return write(value == null ? Map.of() : value);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String column) {
            return column == null ? new LinkedHashMap<>() : read(column, new TypeReference<LinkedHashMap<String, String>>() { });
        }
    }

    @Converter
    public static class StringList implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<String> convertToEntityAttribute(String column) {
            return column == null ? new ArrayList<>() : read(column, new TypeReference<ArrayList<String>>() { });
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable column value", e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }
}
