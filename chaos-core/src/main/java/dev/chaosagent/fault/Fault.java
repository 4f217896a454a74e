package dev.chaosagent.fault;

/**
 * What a rule does to a call. A fault is an immutable value (two faults with the same settings are
 * equal); whatever it retains while its rule lives is held by the {@link FaultContext}, not by the
 * fault, so that ending the rule releases it.
 *
 * <p>What a fault, the engine's per-call path and the dispatcher answer for a call, one convention
 * from {@link #inject} to the woven code: {@code null} means nothing to do, the call goes on as
 * usual (so a disarmed dispatcher answers it without asking anyone); any other value is what the
 * method returns instead of running (or finishing) its body, {@link #NULL_RESULT} standing for
 * {@code null} itself (a {@code void} method then returns at once). The bootstrap dispatcher, which
 * cannot see this class, has a {@code NULL_RESULT} of its own for the same purpose.
 */
public sealed interface Fault
        permits LatencyFault, ExceptionFault, ReturnsFault, CpuFault, MemoryFault, ThreadsFault, KillFault, PresetFault {

    /** The answer that makes the method return {@code null} (or, {@code void}, return at once). */
    Object NULL_RESULT = new Object() {
        @Override
        public String toString() {
            return "NULL_RESULT";
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
     * {@code null} when the call goes on, or the value it must return instead of running (or
     * finishing) its body ({@link #NULL_RESULT} for null); an exception fault throws.
     */
    Object inject(FaultContext context, long n) throws Throwable;
}
