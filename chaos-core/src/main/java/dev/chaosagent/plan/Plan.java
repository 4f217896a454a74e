package dev.chaosagent.plan;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.Rule;
import java.util.List;

/**
 * A parsed plan file: the master switch, an optional seed and named rules.
 *
 * @param seed null when the plan has none
 */
public record Plan(boolean enabled, Long seed, List<Rule> rules) {

    public Plan {
        rules = List.copyOf(rules);
    }

    /**
     * Makes the engine run this plan: rules are compared by name (unchanged ones keep their
     * counters), the seed applies to the rules it adds, the master switch follows {@code enabled}.
     */
    public void applyTo(ChaosEngine engine) {
        engine.setSeed(seed);
        engine.applyRules(rules);
        engine.setEnabled(enabled);
    }
}
