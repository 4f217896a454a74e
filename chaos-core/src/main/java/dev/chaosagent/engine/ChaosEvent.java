package dev.chaosagent.engine;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to the experiment: what the journal, the logs and the metrics follow.
 *
 * @param rule    the rule it is about, or null for the engine as a whole
 * @param message what happened, in words, for the postmortem
 * @param plan    the named plan it is about (its rules' additions and removals, its expiry), or null
 * @param details the fields of an experiment's event beside these (the journal writes them), in order; empty otherwise
 */
public record ChaosEvent(Instant time, Type type, String rule, String message, String plan, Map<String, Object> details) {

    public ChaosEvent(Instant time, Type type, String rule, String message, String plan) {
        this(time, type, rule, message, plan, Map.of());
    }

    public ChaosEvent(Instant time, Type type, String rule, String message) {
        this(time, type, rule, message, null);
    }

    /**
     * {@code PLAN}: whether a plan arms this JVM (it selects it or not, or selects no JVM at all).
     * {@code BOUND}: a preset rule bound a method; {@code UNBOUND}: a preset binds nothing in this JVM.
     * From {@code EXPERIMENT_STARTED} on: an experiment's story ({@code OBSERVED} is its sample of a second).
     */
    public enum Type {
        ADDED, REPLACED, ENABLED, DISABLED, REMOVED, EXPIRED, EXHAUSTED, REFUSED, STOPPED, PLAN, BOUND, UNBOUND,
        EXPERIMENT_STARTED, OBSERVED, PHASE_STARTED, PHASE_ENDED, HYPOTHESIS_BROKEN, ABORTED, RESUMED, EXPERIMENT_ENDED;

        /** The name used in the journal and the logs, e.g. {@code added}, {@code phase-started}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
