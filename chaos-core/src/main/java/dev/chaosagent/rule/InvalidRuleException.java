package dev.chaosagent.rule;

/**
 * A rule (or one of its keys) that cannot be accepted. The message always names the key, the value
 * and what was expected, so it can be shown to a user as it is: on stderr, over JMX, in a test.
 */
public class InvalidRuleException extends IllegalArgumentException {

    private final String key;
    private final String value;

    public InvalidRuleException(String key, String value, String problem) {
        super(printable(key) + ": " + (value == null ? "(missing)" : '"' + printable(value) + '"') + ' ' + problem);
        this.key = key;
        this.value = value;
    }

    /** Keeps the message on one line whatever the user typed: control characters are shown escaped. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The key at fault ({@code rule} when the rule as a whole is wrong). */
    public String key() {
        return key;
    }

    /** The offending value as written, or {@code null} when it was missing. */
    public String value() {
        return value;
    }
}
