package dev.chaosagent.preset;

import java.util.List;

/**
 * Where a woven method finds what a preset reads of its operation: its receiver, one of its
 * parameters, or (for a {@link Recorder}) what it returned. Resolved per method when it is woven,
 * so the call passes one reference and nothing is copied or boxed.
 */
public final class Operand {

    /** {@link #index} of the receiver ({@code this}). */
    public static final int RECEIVER = -1;
    /** {@link #index} of the returned value. */
    public static final int RETURNED = -2;
    /** {@link #index} when the method has nothing to pass. */
    public static final int NONE = -3;
    /** {@link #index} of all the parameters, passed as one {@code Object[]} (primitives boxed). */
    public static final int ARGUMENTS = -4;
    /** {@link #index} of the receiver followed by all the parameters, passed as one {@code Object[]}. */
    public static final int RECEIVER_AND_ARGUMENTS = -5;

    private final int index;
    private final String type;
    private final Operand otherwise;

    private Operand(int index, String type, Operand otherwise) {
        this.index = index;
        this.type = type;
        this.otherwise = otherwise;
    }

    public static Operand receiver() {
        return new Operand(RECEIVER, null, null);
    }

    public static Operand returned() {
        return new Operand(RETURNED, null, null);
    }

    /**
     * All the parameters, in a new array at each call: for a preset that needs more than one of them
     * (a servlet's request to read and its response to answer).
     */
    public static Operand arguments() {
        return new Operand(ARGUMENTS, null, null);
    }

    /**
     * The receiver, then all the parameters, in a new array at each call: for a preset whose fault
     * makes the call again, later (a gRPC stream started after a latency) or with other parameters
     * (Kafka's send, with a callback of its own).
     */
    public static Operand receiverAndArguments() {
        return new Operand(RECEIVER_AND_ARGUMENTS, null, null);
    }

    public static Operand argument(int index) {
        return new Operand(index, null, null);
    }

    /**
     * Parameter {@code index} when the method has one of that type, else {@code otherwise}: e.g. the
     * SQL of {@code Statement.execute(String)}, and the receiver of {@code PreparedStatement.execute()}.
     */
    public static Operand argumentOfType(int index, String type, Operand otherwise) {
        return new Operand(index, type, otherwise);
    }

    public boolean isReturned() {
        return index == RETURNED;
    }

    /** The parameter index, {@link #RECEIVER}, {@link #RETURNED}, {@link #ARGUMENTS}, {@link #RECEIVER_AND_ARGUMENTS} or {@link #NONE} for a method with these parameters. */
    public int index(List<String> parameterTypes) {
        if (index >= 0 && (index >= parameterTypes.size() || (type != null && !type.equals(parameterTypes.get(index))))) {
            return otherwise == null ? NONE : otherwise.index(parameterTypes);
        }
        return index;
    }
}
