package io.pinfold.pin.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Lists of names kept as JSON array text in a column; null stays null (no list: any value allowed). */
final class JsonLists {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLists() {
    }

    static List<String> read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return List.copyOf(JSON.readValue(text, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tenant_admission holds a list that is no JSON array of strings: " + text, e);
        }
    }

    static String write(List<String> values) {
        if (values == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + values + " as JSON", e);
        }
    }
}
