package dev.chaosagent.scope;

/** One scope key of a rule: a condition a call must meet to be eligible. */
public sealed interface ScopeCondition permits ThreadCondition, ArgumentCondition, CallerCondition, BaggageCondition, MdcCondition,
        PresetCondition {

    /** The key as the rule language writes it, e.g. {@code arg0} or {@code baggage.chaos}. */
    String key();

    /** The value as written. */
    String value();

    /** Whether the call, on the current thread, meets the condition. */
    boolean admits(ScopedCall call);
}
