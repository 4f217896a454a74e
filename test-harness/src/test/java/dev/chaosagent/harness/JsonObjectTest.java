package dev.chaosagent.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectTest {

    @Test
    void readsOneObjectWithWholeNumbersAsLongs() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("event", "added");
        expected.put("calls", 2L);
        expected.put("ratio", 0.5);
        expected.put("armed", true);
        expected.put("rule", null);
        expected.put("message", "a \"quoted\"\nline");
        assertEquals(expected, JsonObject.parse("{\"event\":\"added\",\"calls\":2,\"ratio\":0.5,\"armed\":true,\"rule\":null,"
                + "\"message\":\"a \\\"quoted\\\"\\nline\"}"));
    }

    @Test
    void refusesWhatIsNotExactlyOneObject() {
        for (String bad : Arrays.asList("{\"a\":1,\"a\":2}", "{\"a\":1} {}", "{\"a\":\"raw\ttab\"}", "{\"a\":1,}", "{'a':1}")) {
            assertThrows(IllegalArgumentException.class, () -> JsonObject.parse(bad), bad);
        }
    }
}
