package dev.chaosagent.engine;

/**
 * Caps on what the resource faults may retain, so that a leak stays an experiment: the heap a
 * {@code memory} fault retains (all rules together) and the threads a {@code threads} fault keeps
 * (per rule). Lifted only when destructive faults are allowed.
 */
public record ResourceLimits(long maxRetainedHeapBytes, int maxThreadsPerRule) {

    public static final int DEFAULT_MAX_THREADS_PER_RULE = 1_000;

    /** 80% of the maximum heap and 1,000 threads per rule. */
    public static ResourceLimits defaults() {
        return new ResourceLimits((long) (Runtime.getRuntime().maxMemory() * 0.8), DEFAULT_MAX_THREADS_PER_RULE);
    }

    public static ResourceLimits unlimited() {
        return new ResourceLimits(Long.MAX_VALUE, Integer.MAX_VALUE);
    }
}
