package dev.chaosagent.async;

import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.LatencyFault;

/**
 * What the rules decided for one call of an asynchronous method, to be applied to what it returns
 * rather than in the calling thread: delays, and at most one failure or value. It exists only for
 * a call some rule injects; the engine carries it from the method's entry to its exit (an
 * {@link OpenCall}) unless it {@link #ends} the call there.
 */
public final class AsyncCall implements OpenCall {

    final AsyncKind kind;
    /** The rule whose delays these are: its end completes them at once. */
    DelayGroup group;
    /** At entry: delays the result whether the work succeeds or fails. */
    long entryDelayNanos;
    /** At exit: delays a successful result. */
    long exitDelayNanos;
    /** Ends the call: the result fails with this (at entry: at once; at exit: when the work succeeds). */
    Throwable failure;
    /** Ends the call: the result is {@link #value} (at entry: at once; at exit: when the work succeeds). */
    boolean replaces;
    Object value;
    /** The engine's token for the call's frame, carried to the exit. */
    private Object frame;
    /** At a suspend function: the continuation the call was given, and whether it resumes a call already decided. */
    Object continuation;
    boolean resumed;

    private AsyncCall(AsyncKind kind) {
        this.kind = kind;
    }

    /**
     * The effect of one injected fault ({@link AsyncKind#actsOnResult}) on a call of a {@code kind}
     * method. The latency is drawn and the exception built now, in the call, as they would be for a
     * synchronous method.
     */
    public static AsyncCall of(AsyncKind kind, Fault fault, FaultContext context, long n, boolean atEntry, DelayGroup group)
            throws Throwable {
        AsyncCall call = new AsyncCall(kind);
        if (fault instanceof LatencyFault latency) {
            call.group = group;
            long nanos = latency.nanos(context, n);
            if (atEntry) {
                call.entryDelayNanos = nanos;
            } else {
                call.exitDelayNanos = nanos;
            }
        } else if (fault instanceof ExceptionFault exception) {
            call.failure = exception.newThrowable();
        } else {
            Object value = fault.inject(context, n);
            call.replaces = value != null;
            call.value = value == Fault.NULL_RESULT ? null : value;
        }
        return call;
    }

    /** {@code earlier} (null when none) with {@code later}'s effects added: delays add up, the first failure or value stands. */
    public static AsyncCall merge(AsyncCall earlier, AsyncCall later) {
        if (earlier == null) {
            return later;
        }
        if (earlier.group == null) {
            earlier.group = later.group;
        }
        earlier.entryDelayNanos += later.entryDelayNanos;
        earlier.exitDelayNanos += later.exitDelayNanos;
        if (!earlier.ends()) {
            earlier.failure = later.failure;
            earlier.replaces = later.replaces;
            earlier.value = later.value;
        }
        return earlier;
    }

    /** Whether a rule failed the call or gave its value: later rules then do not act, as a throw or return ends a call. */
    public boolean ends() {
        return failure != null || replaces;
    }

    /** This call, carrying the engine's token for its frame to the exit. */
    public AsyncCall carrying(Object frameToken) {
        frame = frameToken;
        return this;
    }

    public Object frame() {
        return frame;
    }

    /**
     * What the method returns without running its body: a result already failed, or completed with
     * the value. A suspend function has no failed result to return: it fails by throwing
     * ({@link #throwsNow}), and its caller resumes with the exception.
     */
    public Object ended(Class<?> origin) {
        return kind.ended(this, origin);
    }

    /** What the method returns instead of {@code returned}; a null publisher or future stays null. */
    public Object applyTo(Object returned, Class<?> origin) {
        return returned == null && kind != AsyncKind.SUSPEND ? null : kind.apply(this, returned, origin);
    }

    // ---------------------------------------------------------------- Kotlin suspend functions

    /** Whether a suspend function called with this continuation is being resumed rather than called. */
    public static boolean isResumption(Object continuation) {
        return SuspendResults.isResumption(continuation);
    }

    /**
     * A call of a suspend function, entered with the engine's token ({@code decided}, an AsyncCall
     * when its entry decided a latency), carrying what its exit needs.
     */
    public static AsyncCall suspending(Object decided, Object continuation, boolean resumed) {
        AsyncCall call = decided instanceof AsyncCall entered ? entered : new AsyncCall(AsyncKind.SUSPEND).carrying(decided);
        call.continuation = continuation;
        call.resumed = resumed;
        return call;
    }

    /** Whether the suspend function answered {@code COROUTINE_SUSPENDED}: the call is not over. */
    public boolean suspends(Object returned, Class<?> origin) {
        return SuspendResults.of(origin).isSuspended(returned);
    }

    /** The call suspended: an entry latency waits for the resumption that ends it. */
    public void suspended() {
        SuspendResults.suspendedAt(this);
    }

    /** The call ended with a result: gathers what its first entry left waiting. */
    public AsyncCall ending(Class<?> origin) {
        return SuspendResults.of(origin).ending(this);
    }

    /** Whether the call fails now, by throwing: a suspend function's failure with no latency to suspend for first. */
    public boolean throwsNow() {
        return failure != null && (entryDelayNanos + exitDelayNanos == 0 || group.released);
    }

    public Throwable failure() {
        return failure;
    }
}
