package dev.chaosagent.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How the rules of one experiment act, switched for all of them at once and without the engine's
 * lock: closed, none of them injects from the next call on (the agent's own kill switch, pulled on
 * the very call that broke the hypothesis); in a dry run they count what they would inject and
 * inject nothing. Rules of no experiment share {@link #ALWAYS_OPEN}.
 */
public final class PlanGate {

    /** The gate of every rule that belongs to no experiment; never closed. */
    static final PlanGate ALWAYS_OPEN = new PlanGate(false);

    private volatile boolean open = true;
    private volatile boolean dryRun;
    /** The rules that act through this gate, told at once when it closes or opens; none for {@link #ALWAYS_OPEN}. */
    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();

    public PlanGate(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Stops every rule of the experiment at once; a latency they are sleeping ends within {@value dev.chaosagent.fault.LatencyFault#SLICE_MILLIS} ms. */
    public void close() {
        if (this != ALWAYS_OPEN) {
            open = false;
            tellRules();
        }
    }

    public void reopen() {
        open = true;
        tellRules();
    }

    private void tellRules() {
        for (ActiveRule rule : rules) {
            rule.follow();
        }
    }

    /** A rule now acts through this gate, until {@link #detach}. */
    void attach(ActiveRule rule) {
        if (this != ALWAYS_OPEN) {
            rules.add(rule);
        }
    }

    /** The rule ended. */
    void detach(ActiveRule rule) {
        rules.remove(rule);
    }

    public boolean isOpen() {
        return open;
    }

    public void dryRun(boolean on) {
        dryRun = on;
    }

    public boolean isDryRun() {
        return dryRun;
    }
}
