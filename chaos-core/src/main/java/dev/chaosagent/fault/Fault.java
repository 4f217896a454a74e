package dev.chaosagent.fault;

/**
 * What a rule does to a call. A fault is an immutable value (two faults with the same settings are
 * equal); whatever it retains while its rule lives is held by the {@link FaultContext}, not by the
 * fault, so that ending the rule releases it.
 */
public sealed interface Fault
        permits LatencyFault, ExceptionFault, ReturnsFault, CpuFault, MemoryFault, ThreadsFault, KillFault, PresetFault {

    /** Returned by {@link #inject} when the call goes on as usual. */
    Object CONTINUE = new Object() {
        @Override
        public String toString() {
            return "CONTINUE";
        }
    };

    /** The rule-language key of this fault, also the {@code fault} tag of the metrics. */
    String key();

    /** The value as the rule language writes it, e.g. {@code 200ms..1500ms}. */
    String value();

    /** Whether the fault can only act before the body ({@code at=exit} is refused). */
    default boolean entryOnly() {
        return true;
    }

    /** Whether the fault is allowed only with the agent option {@code allowDestructive=true}. */
    default boolean destructive() {
        return false;
    }

    /**
     * Acts on the {@code n}th eligible call of its rule (0 when calls are not numbered). Returns
     * {@link #CONTINUE}, or the value the call must return instead of running (or finishing) its
     * body; an exception fault throws.
     */
    Object inject(FaultContext context, long n) throws Throwable;
}
