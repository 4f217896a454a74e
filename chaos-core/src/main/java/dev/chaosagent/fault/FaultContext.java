package dev.chaosagent.fault;

/** What a fault may use while acting on a call: its rule's randomness and its rule's resources. */
public interface FaultContext {

    /** The name of the rule the fault belongs to. */
    String ruleName();

    /** A uniform value in [min, max], reproducible under a seed. */
    long randomBetween(long min, long max, long n);

    /** Keeps {@code bytes} of heap reachable until the rule ends, unless that would pass the heap cap. */
    void retainHeap(long bytes);

    /** Starts {@code count} parked threads that live until the rule ends, unless that would pass the thread cap. */
    void retainThreads(int count);

    /** Whether the rule still acts: false once it ended or its experiment aborted, and a wait it imposes ends then. */
    default boolean acting() {
        return true;
    }

    /**
     * Runs {@code task} after {@code nanos} on the agent's one delay scheduler (the task itself on
     * the common pool), or at once when the rule ends first: for a preset fault that completes the
     * library's own result later, never in the calling thread.
     */
    void runAfter(long nanos, Runnable task);

    /** The value a {@code returns} fault gives at this method, already converted to its return type. */
    Object returnValue();

    /**
     * The operand the woven code passed for the rule's preset (the receiver or parameter its
     * {@code PresetMethod} names), while an entry fault acts; null otherwise.
     */
    default Object operand() {
        return null;
    }

    /** The return type of the method the fault acts on, as a Java type name ({@code void}, {@code java.util.concurrent.CompletableFuture}). */
    String returnType();
}
