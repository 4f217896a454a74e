package dev.chaosagent.harness;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The tests' JSON oracle: one JSON object read strictly by Jackson, a parser written by others than
 * the agent's JSON writer, so that a mistake in the writer cannot be repeated in the check.
 */
public final class JsonObject {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private JsonObject() {
    }

    /** The object's fields in their order; numbers are {@code Long} or {@code Double}. */
    public static Map<String, Object> parse(String text) {
        try {
            return STRICT.readValue(text, new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not one JSON object (" + e.getOriginalMessage() + "): " + text, e);
        }
    }
}
