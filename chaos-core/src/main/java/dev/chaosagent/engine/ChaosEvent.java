package dev.chaosagent.engine;

import java.time.Instant;

/**
 * Something that happened to the experiment: what the journal, the logs and the metrics follow.
 *
 * @param rule    the rule it is about, or null for the engine as a whole
 * @param message what happened, in words, for the postmortem
 * @param plan    the named plan it is about (its rules' additions and removals, its expiry), or null
 */
public record ChaosEvent(Instant time, Type type, String rule, String message, String plan) {

    public ChaosEvent(Instant time, Type type, String rule, String message) {
        this(time, type, rule, message, null);
    }

    /**
     * {@code PLAN}: whether a plan arms this JVM (it selects it or not, or selects no JVM at all).
     * {@code BOUND}: a preset rule bound a method; {@code UNBOUND}: a preset binds nothing in this JVM.
     */
    public enum Type {
        ADDED, REPLACED, ENABLED, DISABLED, REMOVED, EXPIRED, EXHAUSTED, REFUSED, STOPPED, PLAN, BOUND, UNBOUND;

        /** The name used in the journal and the logs, e.g. {@code added}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
