package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValueInOrder() {
        Object value = JsonReader.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\",\"i\":42,\"neg\":-7,\"d\":0.995,\"e\":1.5e3,\"t\":true,\"f\":false,"
                + "\"n\":null,\"a\":[1,\"x\",[],{}],\"o\":{\"k\":{\"deep\":[null]}}} ");
        assertThat(value).isInstanceOf(Map.class);
        Map<String, Object> map = object(value);
        assertThat(map.keySet()).containsExactly("s", "i", "neg", "d", "e", "t", "f", "n", "a", "o");
        assertThat(map.get("s")).isEqualTo("a\"b\\c/\n\u00e9");
        assertThat(map.get("i")).isEqualTo(42L);
        assertThat(map.get("neg")).isEqualTo(-7L);
        assertThat(map.get("d")).isEqualTo(0.995);
        assertThat(map.get("e")).isEqualTo(1500.0);
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.get("f")).isEqualTo(false);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(list(map.get("a"))).containsExactly(1L, "x", List.of(), Map.of());
        assertThat(map.get("o")).isEqualTo(Map.of("k", Map.of("deep", Arrays.asList((Object) null))));
    }

    @Test
    void theWritersDoublesWithoutAValueAreRead() {
        assertThat(object(JsonReader.parse("{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity}")))
                .containsEntry("a", Double.NaN).containsEntry("b", Double.POSITIVE_INFINITY).containsEntry("c", Double.NEGATIVE_INFINITY);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @Test
    void aNumberTooLargeForALongIsADouble() {
        assertThat(JsonReader.parse("123456789012345678901234")).isEqualTo(1.2345678901234568E23);
    }

    @Test
    void refusesWhatIsNotJsonAndSaysWhere() {
        assertThatThrownBy(() -> JsonReader.parse("{\"time\":\"2026-12-06T10:30:00.2")).hasMessage(
                "at column 31: expected a closing quote, found the end of the line");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,}")).hasMessage("at column 8: expected a quoted key, found '}'");
        assertThatThrownBy(() -> JsonReader.parse("{'a':1}")).hasMessage("at column 2: expected a quoted key, found '''");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1} x")).hasMessage("at column 9: expected the end of the line, found 'x'");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,\"a\":2}")).hasMessage("at column 12: expected no second \"a\", found '2'");
        assertThatThrownBy(() -> JsonReader.parse("[01]")).hasMessage("at column 3: expected ']', found '1'");
        assertThatThrownBy(() -> JsonReader.parse("[1.]")).hasMessage("at column 4: expected a digit after the decimal point, found ']'");
        assertThatThrownBy(() -> JsonReader.parse("[-]")).hasMessage("at column 3: expected a digit, found ']'");
        assertThatThrownBy(() -> JsonReader.parse("\"a\tb\"")).hasMessage("at column 3: expected no control character in a string, found U+0009");
        assertThatThrownBy(() -> JsonReader.parse("\"\\x\"")).hasMessageStartingWith("at column 3: expected an escape");
        assertThatThrownBy(() -> JsonReader.parse("\"\\u12g4\"")).hasMessage("at column 4: expected four hex digits after \\u, found '1'");
        assertThatThrownBy(() -> JsonReader.parse("tru")).hasMessage("at column 1: expected a value, found 't'");
        assertThatThrownBy(() -> JsonReader.parse("")).hasMessage("at column 1: expected a value, found the end of the line");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":[1,2}")).hasMessage("at column 10: expected ']', found '}'");
    }
}
