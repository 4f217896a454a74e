package dev.chaosagent.junit;

import dev.chaosagent.experiment.ExperimentStatus;

/**
 * Assertions on an experiment's verdict, so that a resilience test can be a small experiment:
 * {@code assertThat(chaos.awaitExperimentEnd(ofSeconds(10))).hasEnded().held()}. A failure shows
 * where the experiment stands: its phase, state, window and verdict.
 */
public final class ExperimentAssert {

    private final ExperimentStatus experiment;

    ExperimentAssert(ExperimentStatus experiment) {
        this.experiment = experiment;
    }

    /** The experiment is over (its verdict is final). */
    public ExperimentAssert hasEnded() {
        if (!experiment.ended()) {
            throw new AssertionError("expected experiment " + experiment.plan() + " to have ended, but: " + experiment);
        }
        return this;
    }

    /** The hypothesis held in every phase that injected (so far, while the experiment runs). */
    public ExperimentAssert held() {
        return hasVerdict("held");
    }

    /** The hypothesis broke in a phase that injected, without an abort. */
    public ExperimentAssert broke() {
        return hasVerdict("broken");
    }

    /** The hypothesis did not hold in the steady-state phase, so nothing was injected. */
    public ExperimentAssert wasNotSteady() {
        return hasVerdict("not-steady");
    }

    /** The agent (or an operator) aborted it for this reason: {@code hypothesis}, {@code heap}, {@code after} or {@code operator}. */
    public ExperimentAssert wasAbortedFor(String reason) {
        hasVerdict("aborted");
        if (!reason.equals(experiment.abortReason())) {
            throw new AssertionError("expected experiment " + experiment.plan() + " to be aborted for " + reason + ", but: " + experiment);
        }
        return this;
    }

    /** The verdict is this one: {@code held}, {@code broken}, {@code aborted}, {@code not-steady} or {@code completed}. */
    public ExperimentAssert hasVerdict(String verdict) {
        if (!verdict.equals(experiment.verdict())) {
            throw new AssertionError("expected experiment " + experiment.plan() + " to have verdict " + verdict + ", but: " + experiment);
        }
        return this;
    }
}
