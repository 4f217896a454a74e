package dev.chaosagent.engine;

import dev.chaosagent.rule.Rule;

/**
 * A rule added in code, held for as long as the code needs it: its counters, and {@link #close()}
 * to remove it, so that a try-with-resources block bounds an experiment. The handle follows the
 * rule it was given: once that rule is gone (removed, expired, replaced under its name, or stopped
 * by the kill switch) its counters keep their last values and closing does nothing.
 */
public final class RuleHandle implements AutoCloseable {

    private final ActiveRule active;
    private final RuleRegistry registry;

    RuleHandle(ActiveRule active, RuleRegistry registry) {
        this.active = active;
        this.registry = registry;
    }

    /** The rule's name, generated ({@code rule-1}, ...) when it had none. */
    public String name() {
        return active.name;
    }

    public Rule rule() {
        return active.rule;
    }

    /** Eligible calls of this rule since it was added. */
    public long calls() {
        return active.calls();
    }

    /** Injections of this rule since it was added. */
    public long injections() {
        return active.injections();
    }

    /** Removes the rule and releases what it retained, unless it is already gone. */
    @Override
    public void close() {
        registry.end(active, "removed", ChaosEvent.Type.REMOVED);
    }

    @Override
    public String toString() {
        return active.rule.toSpec();
    }
}
