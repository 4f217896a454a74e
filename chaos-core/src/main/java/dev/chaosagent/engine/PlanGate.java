package dev.chaosagent.engine;

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

    public PlanGate(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Stops every rule of the experiment at once; a latency they are sleeping ends within {@value dev.chaosagent.fault.LatencyFault#SLICE_MILLIS} ms. */
    public void close() {
        if (this != ALWAYS_OPEN) {
            open = false;
        }
    }

    public void reopen() {
        open = true;
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
