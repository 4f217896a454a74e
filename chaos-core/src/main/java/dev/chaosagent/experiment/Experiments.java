package dev.chaosagent.experiment;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.plan.Arming;
import dev.chaosagent.plan.Plan;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The experiment of the plan in force, if it describes one: what the plan file, JMX, the CLI, the
 * metrics and chaos-junit reach. One plan, one experiment, known by the plan's name: the same name
 * reloaded is the same experiment going on (its clock, its abort), a new name is a new experiment.
 * The experiment's timers run on one agent thread, started with the first experiment.
 */
public final class Experiments implements AutoCloseable {

    private final ChaosEngine engine;
    private final Supplier<String> pod;
    private ScheduledExecutorService clock;
    private volatile Experiment current;

    /**
     * @param pod this JVM's pod name, for the journal, asked when an experiment starts: finding it
     *            may ask the system for the host's name, which a JVM without experiments never needs
     */
    public Experiments(ChaosEngine engine, Supplier<String> pod) {
        this.engine = engine;
        this.pod = pod;
    }

    /**
     * Makes the engine run the plan as armed: a plan that describes no experiment, or that does not
     * arm this JVM, as {@link Plan#applyTo} does (ending any experiment); an experiment starts, or
     * goes on with the plan's changes when it has the same name.
     *
     * @throws dev.chaosagent.rule.InvalidRuleException when the engine refuses a rule; nothing changes then
     */
    public synchronized void apply(Plan plan, Arming arming) {
        Experiment running = current;
        if (plan.experiment() == null || !arming.armed()) {
            if (running != null) {
                running.stop(plan.experiment() == null ? "the plan has no experiment any more" : arming.reason());
                current = null;
            }
            plan.applyTo(engine, arming);
            return;
        }
        if (running != null && running.name().equals(plan.name())) {
            running.update(plan);
            return;
        }
        if (running != null) {
            running.stop("plan " + plan.name() + " replaced it");
        }
        Experiment next = new Experiment(engine, clock(), plan, pod.get());
        current = next;
        next.start();
    }

    /** Where the current experiment stands, if there is one (ended ones stay until the plan changes). */
    public Optional<ExperimentStatus> status() {
        Experiment running = current;
        return running == null ? Optional.empty() : Optional.of(running.status());
    }

    /** The operator's abort: every rule of the experiment stops now. */
    public void abort() {
        require().abortByOperator();
    }

    /** Re-arms an aborted experiment with an empty window (not one that passed its {@code after} cap). */
    public void resume() {
        require().resume();
    }

    /** The experiment's state in one line, for JMX and the CLI. */
    public String describe() {
        return status().map(ExperimentStatus::toString).orElse("no experiment (the plan in force describes none)");
    }

    private Experiment require() {
        Experiment running = current;
        if (running == null) {
            throw new IllegalArgumentException("no experiment is running (the plan in force describes none)");
        }
        return running;
    }

    private synchronized ScheduledExecutorService clock() {
        if (clock == null) {
            clock = Executors.newSingleThreadScheduledExecutor(AgentWork.threads("experiment"));
        }
        return clock;
    }

    /** Ends the experiment with its verdict so far and removes its rules, as a plan without it would. */
    public synchronized void stop(String why) {
        Experiment running = current;
        if (running != null) {
            running.stop(why);
            current = null;
        }
    }

    /** Ends the experiment with its verdict so far, for the journal's last lines at JVM exit. */
    @Override
    public synchronized void close() {
        Experiment running = current;
        if (running != null) {
            running.stop("the JVM is exiting");
        }
    }
}
