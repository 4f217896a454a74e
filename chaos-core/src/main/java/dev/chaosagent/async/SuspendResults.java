package dev.chaosagent.async;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The effects of an {@link AsyncCall} on a Kotlin suspend function, through the Kotlin standard
 * library's own entry points, looked up once per class loader (the agent ships no Kotlin).
 *
 * <p>kotlinc compiles a suspend function to a state machine: a continuation object of a class of
 * its own, with an {@code int label}. Each time the function's work resumes, that continuation
 * sets the sign bit of its label and calls the function again, passing itself; the function's
 * first instruction clears the bit. Seen before that instruction, a continuation whose label has
 * the bit set is a resumption of a call already made; any other is a new call (a caller's state
 * machine cleared its own bit when it was entered).
 *
 * <p>A latency suspends: the function answers {@code COROUTINE_SUSPENDED} instead of its result,
 * and resumes its caller with that result later, once, through the caller's dispatcher.
 */
final class SuspendResults {

    private static final ClassValue<SuspendResults> BY_ORIGIN = new ClassValue<>() {
        @Override
        protected SuspendResults computeValue(Class<?> origin) {
            return new SuspendResults(origin.getClassLoader());
        }
    };

    /** The {@code label} of a state machine's continuation class, or null for any other class. */
    private static final ClassValue<Field> LABELS = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            Class<?> superclass = type.getSuperclass();
            if (superclass == null || !superclass.getName().equals("kotlin.coroutines.jvm.internal.ContinuationImpl")) {
                return null;
            }
            try {
                Field label = type.getDeclaredField("label");
                if (label.getType() != int.class) {
                    return null;
                }
                label.setAccessible(true);
                return label;
            } catch (NoSuchFieldException | RuntimeException e) {
                return null;
            }
        }
    };

    /**
     * Entry latencies decided at a call's first entry that suspended before its result: found again
     * by the caller's continuation when the call's own state machine, whose completion it is, ends.
     */
    private static final Map<Object, AsyncCall> WAITING = Collections.synchronizedMap(new WeakHashMap<>());

    private final Object suspended;
    private final Method intercepted;
    private final Method completion;
    private final Method releaseIntercepted;
    private final Method resumeWith;
    private final Method createFailure;

    private SuspendResults(ClassLoader loader) {
        try {
            Class<?> intrinsics = Class.forName("kotlin.coroutines.intrinsics.IntrinsicsKt", false, loader);
            Class<?> continuation = Class.forName("kotlin.coroutines.Continuation", false, loader);
            Class<?> base = Class.forName("kotlin.coroutines.jvm.internal.BaseContinuationImpl", false, loader);
            Class<?> impl = Class.forName("kotlin.coroutines.jvm.internal.ContinuationImpl", false, loader);
            // Declared in the facade's package-private parts (IntrinsicsKt__IntrinsicsJvmKt ...): reachable only once made accessible.
            suspended = accessible(intrinsics.getMethod("getCOROUTINE_SUSPENDED")).invoke(null);
            intercepted = accessible(intrinsics.getMethod("intercepted", continuation));
            completion = base.getMethod("getCompletion");
            releaseIntercepted = accessible(impl.getDeclaredMethod("releaseIntercepted"));
            resumeWith = continuation.getMethod("resumeWith", Object.class);
            createFailure = accessible(Class.forName("kotlin.ResultKt", false, loader).getMethod("createFailure", Throwable.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the Kotlin standard library is not as expected: " + e, e);
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    static SuspendResults of(Class<?> origin) {
        return BY_ORIGIN.get(origin);
    }

    static boolean isResumption(Object continuation) {
        Field label = continuation == null ? null : LABELS.get(continuation.getClass());
        try {
            return label != null && (label.getInt(continuation) & Integer.MIN_VALUE) != 0;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    boolean isSuspended(Object returned) {
        return returned == suspended;
    }

    /** A call that suspended: an entry latency waits for its result, found by the caller's continuation. */
    static void suspendedAt(AsyncCall call) {
        if (!call.resumed && call.entryDelayNanos > 0) {
            WAITING.put(call.continuation, call);
        }
    }

    /** The call's effects, with those its first entry left waiting when this is the resumption that ends it. */
    AsyncCall ending(AsyncCall call) {
        if (call.resumed && !WAITING.isEmpty()) {
            AsyncCall waiting = WAITING.remove(invoke(completion, call.continuation));
            if (waiting != null) {
                call.entryDelayNanos += waiting.entryDelayNanos;
                if (call.group == null) {
                    call.group = waiting.group;
                }
            }
        }
        return call;
    }

    /**
     * What the function returns instead of {@code returned}: {@code COROUTINE_SUSPENDED} when a
     * delay holds its result back, else the value; a failure without a delay is the caller's to throw.
     */
    Object apply(AsyncCall call, Object returned) {
        long delay = call.entryDelayNanos + call.exitDelayNanos;
        Object result = call.replaces ? call.value : returned;
        if (delay <= 0 || call.group.released) {
            return result;
        }
        Object caller = call.resumed ? invoke(completion, call.continuation) : call.continuation;
        if (call.resumed) {
            // The state machine is done: it lets go of its dispatcher as its own completion would.
            invoke(releaseIntercepted, call.continuation);
        }
        new Resumption(call.group, invoke(intercepted, null, caller),
                call.failure != null ? invoke(createFailure, null, call.failure) : result).startAfter(delay);
        return suspended;
    }

    private static Object invoke(Method method, Object target, Object... arguments) {
        return LibraryCalls.invoke("Kotlin", method, target, arguments);
    }

    /** Resumes the caller once, through its dispatcher, with the call's result or failure. */
    private final class Resumption extends PendingDelay {
        private final Object caller;
        private final Object outcome;

        Resumption(DelayGroup group, Object caller, Object outcome) {
            super(group);
            this.caller = caller;
            this.outcome = outcome;
        }

        @Override
        void complete() {
            invoke(resumeWith, caller, outcome);
        }
    }
}
