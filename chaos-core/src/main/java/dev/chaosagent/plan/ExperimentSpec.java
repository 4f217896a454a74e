package dev.chaosagent.plan;

import java.util.List;

/**
 * The experiment a plan describes beside its rules: its steady-state hypothesis, when to abort, its
 * phases in time and whether it only counts what it would inject.
 *
 * @param hypothesis null when the plan states none (the verdict is then {@code completed})
 * @param abort      null when the agent never aborts by itself
 * @param phases     empty: every rule acts for the plan's whole life
 */
public record ExperimentSpec(Hypothesis hypothesis, AbortPolicy abort, List<Phase> phases, boolean dryRun) {

    public ExperimentSpec {
        phases = List.copyOf(phases);
    }

    /** The first phase injects nothing and there is a hypothesis to check at its end. */
    public boolean gated() {
        return hypothesis != null && !phases.isEmpty() && !phases.get(0).injects();
    }

    /** The phase at this time since the plan was loaded, or -1 once every phase is over; 0 without phases. */
    public int phaseAt(long elapsedNanos) {
        if (phases.isEmpty()) {
            return 0;
        }
        long end = 0;
        for (int i = 0; i < phases.size(); i++) {
            end += phases.get(i).durationNanos();
            if (elapsedNanos < end) {
                return i;
            }
        }
        return -1;
    }

    /** When phase {@code index} starts, since the plan was loaded. */
    public long phaseStart(int index) {
        long start = 0;
        for (int i = 0; i < index; i++) {
            start += phases.get(i).durationNanos();
        }
        return start;
    }
}
