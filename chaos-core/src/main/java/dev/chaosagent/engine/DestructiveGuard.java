package dev.chaosagent.engine;

import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;

/** Refuses rules whose fault is destructive ({@code kill}) unless the agent was started with {@code allowDestructive=true}. */
final class DestructiveGuard {

    private static final String EXPECTED = "is a destructive fault (expected the agent option allowDestructive=true at start-up)";

    private final boolean allowed;
    private final EngineEvents events;

    DestructiveGuard(boolean allowed, EngineEvents events) {
        this.allowed = allowed;
        this.events = events;
    }

    /** @throws InvalidRuleException when the rule is refused, after publishing the refusal */
    void check(Rule rule) {
        if (rule.fault().destructive() && !allowed) {
            String message = rule.fault().key() + ": \"" + rule.fault().value() + "\" " + EXPECTED;
            events.publish(ChaosEvent.Type.REFUSED, rule.name(), "rule refused: " + message);
            throw new InvalidRuleException(rule.fault().key(), rule.fault().value(), EXPECTED);
        }
    }
}
