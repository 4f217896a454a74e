package dev.chaosagent.plan;

import dev.chaosagent.preset.Preset;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;

/**
 * What "healthy" means for an experiment, measured inside the JVM on the observed calls (those of
 * {@code observe}, or the operations of {@code preset} its {@code scope} selects): at least
 * {@code success} of them succeed and, when {@code p99Nanos} is set, 99% of them take no longer than
 * that, over a sliding window of {@code windowNanos}, judged only once the window holds
 * {@code minCalls} calls.
 *
 * @param observe  the observed methods, or null when the hypothesis names a preset
 * @param preset   the preset whose operations are observed, or null
 * @param scope    the preset's scope keys that select them ({@link Scope#NONE}: all of them)
 * @param success  a share of the calls, 0..1
 * @param p99Nanos 0 when the hypothesis says nothing about durations
 */
public record Hypothesis(TargetPattern observe, Preset preset, Scope scope, long windowNanos, int minCalls, double success,
                         long p99Nanos) {

    public static final long DEFAULT_WINDOW_NANOS = 10_000_000_000L;
    public static final int DEFAULT_MIN_CALLS = 20;

    /** What is observed, in words: {@code com.acme.Shop#album} or {@code preset http-server http.path=/albums/*}. */
    public String observed() {
        if (preset == null) {
            return String.valueOf(observe);
        }
        return "preset " + preset.name() + (scope.isEmpty() ? "" : " " + scope);
    }
}
