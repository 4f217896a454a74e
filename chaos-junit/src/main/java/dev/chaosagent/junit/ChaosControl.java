package dev.chaosagent.junit;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.experiment.ExperimentStatus;
import dev.chaosagent.experiment.Experiments;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
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

    /**
     * Starts an experiment: a plan in YAML with a {@code name}, rules and the experiment's keys
     * ({@code hypothesis}, {@code abort}, {@code phases}, {@code dryRun}), as a plan file would have
     * it. It ends, and its rules go, when the test does. Returns its name.
     *
     * @throws IllegalArgumentException with the plan's problems when it is refused, or when it describes no experiment
     */
    public String runExperiment(String planYaml) {
        Plan plan = new PlanParser(RuleParser.forCurrentThread()).parse(planYaml, "the test's experiment");
        if (plan.experiment() == null) {
            throw new IllegalArgumentException("the plan describes no experiment (expected hypothesis, abort, phases or dryRun)");
        }
        Experiments experiments = AgentLocator.experiments();
        scope.activate();
        experiments.apply(plan, plan.armingFor(null, java.time.Instant.now()));
        scope.atClose(() -> experiments.stop("the test ended"));
        return plan.name();
    }

    /** Where the experiment stands now (its verdict so far, or its final one once ended), for {@link ChaosAssertions#assertThat}. */
    public ExperimentStatus experiment() {
        return AgentLocator.experiments().status().orElseThrow(() ->
                new IllegalStateException("no experiment is running (start one with runExperiment)"));
    }

    /** Waits until the experiment has ended (its last phase, an abort's cap, a not-steady gate) and returns where it stands. */
    public ExperimentStatus awaitExperimentEnd(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExperimentStatus status = experiment();
        while (!status.ended() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            status = experiment();
        }
        return status;
    }

    /** Waits on a counter: {@code chaos.await().injections("slow-catalog").atLeast(5)}. */
    public ChaosAwait await() {
        return new ChaosAwait(engine, ChaosAwait.DEFAULT_TIMEOUT);
    }
}
