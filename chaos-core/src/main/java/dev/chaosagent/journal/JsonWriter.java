package dev.chaosagent.journal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Just enough JSON to write the journal's objects: strings, numbers, booleans, null, and nested maps and lists of them. */
final class JsonWriter {

    private JsonWriter() {
    }

    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        object(out, fields);
        return out.toString();
    }

    private static void object(StringBuilder out, Map<?, ?> fields) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(field.getKey()));
            out.append(':');
            value(out, field.getValue());
        }
        out.append('}');
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else {
            string(out, String.valueOf(value));
        }
    }

    /**
     * ISO-8601 in UTC to the millisecond ({@code 2026-11-26T23:06:47.123Z}), written by hand: the
     * JDK's formatter costs a JVM that has not used it some 20 ms of class loading, and the first
     * journal line comes with the first rule.
     */
    static String time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        pad(out, utc.getYear(), 4).append('-');
        pad(out, utc.getMonthValue(), 2).append('-');
        pad(out, utc.getDayOfMonth(), 2).append('T');
        pad(out, utc.getHour(), 2).append(':');
        pad(out, utc.getMinute(), 2).append(':');
        pad(out, utc.getSecond(), 2).append('.');
        return pad(out, instant.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
