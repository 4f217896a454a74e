package dev.chaosagent.plan;

import dev.chaosagent.rule.TargetPattern;

/**
 * What "healthy" means for an experiment, measured inside the JVM on the calls of {@code observe}:
 * at least {@code success} of them end without an exception and, when {@code p99Nanos} is set,
 * 99% of them take no longer than that, over a sliding window of {@code windowNanos}, judged only
 * once the window holds {@code minCalls} calls.
 *
 * @param success  a share of the calls, 0..1
 * @param p99Nanos 0 when the hypothesis says nothing about durations
 */
public record Hypothesis(TargetPattern observe, long windowNanos, int minCalls, double success, long p99Nanos) {

    public static final long DEFAULT_WINDOW_NANOS = 10_000_000_000L;
    public static final int DEFAULT_MIN_CALLS = 20;
}
