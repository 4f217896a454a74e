package dev.chaosagent.plan;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.Rule;
import java.time.Instant;
import java.util.List;

/**
 * A parsed plan file: its name, the master switch, an optional seed, when it expires, which JVMs of
 * a fleet it arms, named rules, and the experiment they make, if any.
 *
 * @param name       null when the plan has none
 * @param experiment null when the plan describes no experiment (no hypothesis, abort, phases or dryRun)
 * @param seed    null when the plan has none
 * @param expires null when the plan never expires
 */
public record Plan(String name, boolean enabled, Long seed, Instant expires, Selection selection, List<Rule> rules,
                   ExperimentSpec experiment) {

    public Plan {
        rules = List.copyOf(rules);
    }

    /** A plan without an experiment. */
    public Plan(String name, boolean enabled, Long seed, Instant expires, Selection selection, List<Rule> rules) {
        this(name, enabled, seed, expires, selection, rules, null);
    }

    /**
     * Whether the plan arms the JVM of this pod at this instant.
     *
     * @param pod who this JVM is; may be null when {@link Selection#needsIdentity()} is false
     */
    public Arming armingFor(PodIdentity pod, Instant now) {
        String plan = Arming.reference(name);
        if (expires != null && !now.isBefore(expires)) {
            return new Arming(name, false, plan + " expired at " + expires);
        }
        String none = selection.selectsNoJvm();
        if (none != null) {
            return new Arming(name, false, plan + " selects no JVM at all (" + none + ")");
        }
        if (!selection.needsIdentity()) {
            return name == null ? Arming.EVERY_JVM : new Arming(name, true, plan + " arms every JVM");
        }
        String whyNot = selection.whyNot(name, pod);
        return whyNot == null
                ? new Arming(name, true, plan + " selects this JVM (" + pod.describe() + ")")
                : new Arming(name, false, plan + " does not select this JVM (" + whyNot + ")");
    }

    /**
     * Makes the engine run this plan as armed: rules are compared by name (unchanged ones keep their
     * counters), and when the plan does not arm this JVM it has none; the seed applies to the rules it
     * adds, the master switch follows {@code enabled}.
     */
    public void applyTo(ChaosEngine engine, Arming arming) {
        engine.setSeed(seed);
        engine.applyRules(arming.armed() ? rules : List.of(), name, arming.removal());
        engine.setEnabled(enabled);
    }
}
