package dev.chaosagent.rule;

/** When a fault acts on a call: before the body runs, or after it returned normally. */
public enum At {
    ENTRY, EXIT;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
