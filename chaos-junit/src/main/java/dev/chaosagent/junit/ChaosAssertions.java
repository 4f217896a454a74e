package dev.chaosagent.junit;

/**
 * Entry point of the resilience assertions, to import statically:
 * {@code assertThatCalls(() -> client.album("42")).repeated(200).succeedAtLeast(0.99).withP99Below(ofMillis(300))}.
 */
public final class ChaosAssertions {

    private ChaosAssertions() {
    }

    /** An experiment's verdict: {@code assertThat(chaos.experiment()).held()}. */
    public static ExperimentAssert assertThat(dev.chaosagent.experiment.ExperimentStatus experiment) {
        return new ExperimentAssert(experiment);
    }

    /** A steady-state probe of an operation: run it, then assert on how it did. */
    public static CallsAssert assertThatCalls(CallsAssert.Operation operation) {
        return new CallsAssert(operation, 100, 1, null);
    }
}
