package dev.chaosagent.junit;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;

/**
 * Chaos from inside a test: a parameter of this type gives the test its own door into the agent.
 * Rules it adds live as long as the test (or, in a {@code @BeforeAll} method, the class) and are
 * removed after it, pass or fail.
 */
public final class ChaosControl {

    private final ChaosEngine engine;
    private final RuleScope scope;

    ChaosControl(ChaosEngine engine, RuleScope scope) {
        this.engine = engine;
        this.scope = scope;
    }

    /**
     * Adds a rule in the one-line form (replacing one of the same name) and returns its name.
     *
     * @throws IllegalArgumentException with the rule language's message when the spec is bad
     */
    public String add(String spec) {
        Rule rule = RuleParser.forCurrentThread().parse(spec);
        scope.activate();
        String name = engine.add(rule);
        scope.track(name);
        return name;
    }

    /** Removes a rule; false when there is none of that name. */
    public boolean remove(String name) {
        scope.untrack(name);
        return engine.remove(name);
    }

    /** Injections of a rule since it was added. */
    public long injections(String name) {
        return engine.injections(name);
    }

    /** Eligible calls of a rule since it was added. */
    public long calls(String name) {
        return engine.calls(name);
    }

    /** The kill switch: removes every rule in the JVM, this test's and everyone else's. */
    public void stopAll() {
        engine.stopAll();
    }

    /** The table of every rule, as JMX and the CLI show it. */
    public String describe() {
        return engine.describe();
    }

    /** The seed this test's rules roll with; {@code @ChaosSeed(seed())} replays them. */
    public long seed() {
        return scope.seed();
    }

    /** Waits on a counter: {@code chaos.await().injections("slow-catalog").atLeast(5)}. */
    public ChaosAwait await() {
        return new ChaosAwait(engine, ChaosAwait.DEFAULT_TIMEOUT);
    }
}
