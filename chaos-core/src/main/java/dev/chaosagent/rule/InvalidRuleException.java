package dev.chaosagent.rule;

/**
 * A rule (or one of its keys) that cannot be accepted. The message always names the key, the value
 * and what was expected, so it can be shown to a user as it is: on stderr, over JMX, in a test.
 */
public class InvalidRuleException extends IllegalArgumentException {

    private final String key;
    private final String value;

    public InvalidRuleException(String key, String value, String problem) {
        super(key + ": " + (value == null ? "(missing)" : '"' + value + '"') + ' ' + problem);
        this.key = key;
        this.value = value;
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
