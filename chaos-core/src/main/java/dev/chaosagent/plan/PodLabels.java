package dev.chaosagent.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a pod's labels as the Kubernetes Downward API writes them into a volume
 * ({@code fieldRef: metadata.labels}): one {@code key="value"} a line, the value quoted and escaped
 * as Go's {@code %q} does.
 */
public final class PodLabels {

    private PodLabels() {
    }

    /**
     * The labels in the text.
     *
     * @throws IllegalArgumentException naming the line that is not {@code key="value"}
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.length() < eq + 3 || line.charAt(eq + 1) != '"' || !line.endsWith("\"")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": \"" + line + "\" is not a label (expected key=\"value\")");
            }
            labels.put(line.substring(0, eq), unquote(line.substring(eq + 2, line.length() - 1), i + 1));
        }
        return labels;
    }

    private static String unquote(String quoted, int lineNumber) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == quoted.length()) {
                throw new IllegalArgumentException("line " + lineNumber + ": the value ends in a lone \\ (expected key=\"value\")");
            }
            char escaped = quoted.charAt(i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'x', 'u', 'U' -> {
                    int digits = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 8;
                    out.appendCodePoint(hex(quoted, i + 1, digits, lineNumber));
                    i += digits;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private static int hex(String quoted, int from, int digits, int lineNumber) {
        try {
            int codePoint = Integer.parseUnsignedInt(quoted.substring(from, from + digits), 16);
            if (Character.isValidCodePoint(codePoint)) {
                return codePoint;
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException("line " + lineNumber + ": a \\ escape needs " + digits + " hex digits of a character"
                + " (expected key=\"value\")");
    }
}
