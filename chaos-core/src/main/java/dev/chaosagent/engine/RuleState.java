package dev.chaosagent.engine;

/** Where a rule in the engine stands; only an armed rule counts calls and injects. */
enum RuleState {
    ARMED("armed"),
    DISABLED("disabled"),
    /** Reached its {@code limit}: it stays listed, with its counters, but injects no more. */
    EXHAUSTED("exhausted"),
    /** Removed, expired or stopped: gone from the engine for good. */
    ENDED("ended");

    private final String label;

    RuleState(String label) {
        this.label = label;
    }

    /** As {@code describe} and the CLI show it. */
    String label() {
        return label;
    }
}
