package dev.chaosagent.engine;

import dev.chaosagent.trigger.Chance;
import java.util.Optional;

/**
 * The seed rules roll with. The engine's own seed (the agent's {@code seed} option) wins over one
 * set later (a plan's, a test's); each rule draws from the seed and its own name, so that adding a
 * rule does not change the rolls of another.
 */
final class RuleSeeds {

    private final Long fixed;
    private Long current;

    RuleSeeds(Long fixed) {
        this.fixed = fixed;
        this.current = fixed;
    }

    /** Ignored when the engine was built with a seed. */
    synchronized void set(Long seed) {
        if (fixed == null) {
            current = seed;
        }
    }

    synchronized Optional<Long> current() {
        return Optional.ofNullable(current);
    }

    synchronized Chance chanceFor(String ruleName) {
        return current == null ? Chance.unseeded() : Chance.seeded(current, ruleName);
    }
}
