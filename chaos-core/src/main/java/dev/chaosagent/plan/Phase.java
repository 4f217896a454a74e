package dev.chaosagent.plan;

import java.util.List;

/**
 * A stretch of an experiment's time in which only {@code rules} act (none: nothing is injected).
 *
 * @param rules names of rules of the same plan
 */
public record Phase(String name, long durationNanos, List<String> rules) {

    public Phase {
        rules = List.copyOf(rules);
    }

    /** Whether any rule acts in this phase. */
    public boolean injects() {
        return !rules.isEmpty();
    }
}
