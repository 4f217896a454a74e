package dev.chaosagent.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of a journal: its number in the file, {@code time}, {@code event} and every field. The
 * typed getters give null for a field that is absent or null, and refuse one of another type.
 */
record JournalLine(int number, Instant time, String event, Map<String, Object> fields) {

    String string(String key) {
        Object value = fields.get(key);
        return value == null ? null : cast(key, value, String.class, "a string");
    }

    Double number(String key) {
        Object value = fields.get(key);
        return value == null ? null : cast(key, value, Number.class, "a number").doubleValue();
    }

    /** A count: 0 when absent. */
    long count(String key) {
        Double value = number(key);
        return value == null ? 0 : Math.round(value);
    }

    Boolean bool(String key) {
        Object value = fields.get(key);
        return value == null ? null : cast(key, value, Boolean.class, "true or false");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        Object value = fields.get(key);
        return value == null ? null : cast(key, value, Map.class, "an object");
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
        Object value = fields.get(key);
        return value == null ? List.of() : cast(key, value, List.class, "an array");
    }

    /** The same getters over an object inside this line (e.g. {@code hypothesis}), errors naming the line. */
    JournalLine inside(String key) {
        Map<String, Object> object = object(key);
        return object == null ? null : new JournalLine(number, time, event + "." + key, object);
    }

    /** An element of an array field as an object, e.g. one of {@code phases}. */
    @SuppressWarnings("unchecked")
    JournalLine element(String key, Object element) {
        return new JournalLine(number, time, event + "." + key, cast(key, element, Map.class, "an array of objects"));
    }

    <T> T cast(String key, Object value, Class<T> type, String expected) {
        if (!type.isInstance(value)) {
            throw new NotAJournalException("line " + number + " (" + event + "): \"" + key + "\" is " + (value instanceof String ? "\"" + value + "\"" : value)
                    + "; expected " + expected);
        }
        return type.cast(value);
    }
}
