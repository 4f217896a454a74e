package dev.chaosagent.rule;

/**
 * One value of a rule as the user wrote it. The one-line form and YAML differ in how they say
 * "this is a string": quotes in the one-line form, the scalar's type in YAML. Only {@code returns}
 * cares, but the distinction has to survive until the value is read.
 */
public record RuleValue(String text, Kind kind) {

    public enum Kind {
        /** An unquoted token, or a YAML number or boolean. */
        LITERAL,
        /** A double-quoted token, or a YAML string. */
        STRING,
        /** YAML's null. */
        NULL
    }

    public static RuleValue literal(String text) {
        return new RuleValue(text, Kind.LITERAL);
    }

    public static RuleValue string(String text) {
        return new RuleValue(text, Kind.STRING);
    }

    public static RuleValue ofNull() {
        return new RuleValue("null", Kind.NULL);
    }

    /** Maps a value that SnakeYAML produced for a scalar. */
    static RuleValue fromYaml(Object value) {
        if (value == null) {
            return ofNull();
        }
        if (value instanceof String s) {
            return string(s);
        }
        return literal(String.valueOf(value));
    }
}
