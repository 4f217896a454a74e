package dev.chaosagent.engine;

import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.scope.Glob;
import dev.chaosagent.scope.Scope;
import dev.chaosagent.scope.ScopedCall;

/**
 * The calls in progress on one thread, as the rules see them: for each rule, whether the thread is
 * inside a call that the rule counted. A call of a method that a rule matches, made while such a
 * call is in progress, belongs to that one logical call (a proxy delegating to its target, a
 * subclass calling {@code super}, a forwarder): the rule neither counts nor injects it. A rule bound
 * to one method only ({@link Binding#solo}) counts each call, a direct recursion included.
 *
 * <p>{@link SiteBindings#enter} opens a frame with the bindings whose rules are not yet open and hands
 * this object to the woven code as its {@link OpenCall}; {@link SiteBindings#exit} closes the frame. Frames
 * nest strictly, as calls do. Only bindings are held, and only while their call runs.
 *
 * <p>It also holds, while a call is being decided, the parameters its woven code passed for the
 * {@code argN} scope keys: primitives as bits, so that nothing is boxed.
 */
final class ThreadCalls implements ScopedCall, OpenCall {

    private static final ThreadLocal<ThreadCalls> CURRENT = new ThreadLocal<>() {
        @Override
        protected ThreadCalls initialValue() {
            return new ThreadCalls();
        }
    };

    private Binding[] open = new Binding[4];
    private int height;
    /** For each open frame, the height of {@link #open} below it. */
    private int[] frames = new int[4];
    private int depth;
    /**
     * For each open frame, what observes its call (null: nothing), when the call started, and the
     * operand whose outcome is read when it ends (null unless the observation reads one).
     */
    private ObservedCalls[] observers = new ObservedCalls[4];
    private long[] started = new long[4];
    private Object[] outcomes = new Object[4];
    private WovenMethod deciding;
    private final long[] argumentBits = new long[Scope.MAX_PASSED_ARGUMENTS];
    private final Object[] argumentObjects = new Object[Scope.MAX_PASSED_ARGUMENTS];
    /** The operand a preset method passed, and what {@link #operationPreset} made of it, for the call being decided. */
    private Object operand;
    private Preset operationPreset;
    private Object operation;

    private ThreadCalls() {
    }

    static ThreadCalls current() {
        return CURRENT.get();
    }

    /**
     * Opens a frame with those of {@code bindings} whose rule is not open on this thread yet, and
     * with {@code observer} unless this thread is already inside a call it observes or it does not
     * admit the call being decided; returns the
     * index of the first binding, or -1 when there was nothing to open (then no frame was opened).
     */
    int open(Binding[] bindings, ObservedCalls observer) {
        int base = height;
        for (Binding binding : bindings) {
            if ((binding.solo || !isOpen(binding.rule, base)) && (binding.scope == null || binding.scope.admits(this))) {
                push(binding);
            }
        }
        boolean observe = observer != null && !isObserving(observer) && observer.admits(this);
        if (height == base && !observe) {
            return -1;
        }
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
            observers = java.util.Arrays.copyOf(observers, depth * 2);
            started = java.util.Arrays.copyOf(started, depth * 2);
            outcomes = java.util.Arrays.copyOf(outcomes, depth * 2);
        }
        observers[depth] = observe ? observer : null;
        started[depth] = observe ? System.nanoTime() : 0;
        outcomes[depth] = observe && observer.readsOutcome() ? operand : null;
        frames[depth++] = base;
        return base;
    }

    /** Closes the innermost frame, telling its observer how the call ended; returns the index of its first binding. */
    int close(boolean failed) {
        ObservedCalls observer = observers[depth - 1];
        if (observer != null) {
            Object outcome = outcomes[depth - 1];
            observers[depth - 1] = null;
            outcomes[depth - 1] = null;
            observer.ended(System.nanoTime() - started[depth - 1], failed, outcome);
        }
        int base = frames[--depth];
        for (int i = base; i < height; i++) {
            open[i] = null;
        }
        height = base;
        return base;
    }

    /** The index of the first binding of the innermost frame. */
    int innermost() {
        return frames[depth - 1];
    }

    int height() {
        return height;
    }

    Binding at(int index) {
        return open[index];
    }

    /** Holds the operand and the passed parameters of the call about to be decided at {@code method}. */
    void deciding(WovenMethod method, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2) {
        deciding = method;
        this.operand = operand;
        argumentBits[0] = bits0;
        argumentObjects[0] = object0;
        argumentBits[1] = bits1;
        argumentObjects[1] = object1;
        argumentBits[2] = bits2;
        argumentObjects[2] = object2;
    }

    /** Lets go of the decided call's parameters: a thread must not keep the application's objects alive. */
    void decided() {
        deciding = null;
        operand = null;
        operationPreset = null;
        operation = null;
        argumentObjects[0] = null;
        argumentObjects[1] = null;
        argumentObjects[2] = null;
    }

    @Override
    public boolean argumentMatches(int index, Glob glob) {
        int slot = deciding == null ? -1 : deciding.passedArguments().indexOf(index);
        if (slot < 0) {
            return false; // woven before a rule named this parameter: out of scope until woven again
        }
        long bits = argumentBits[slot];
        return switch (deciding.parameterTypes().get(index)) {
            case "int", "long", "short", "byte" -> glob.matchesWhole(bits);
            case "boolean" -> glob.matches(bits != 0 ? "true" : "false");
            case "char" -> glob.matches(String.valueOf((char) bits));
            case "double" -> glob.matches(String.valueOf(Double.longBitsToDouble(bits)));
            case "float" -> glob.matches(String.valueOf((float) Double.longBitsToDouble(bits)));
            default -> objectMatches(argumentObjects[slot], glob);
        };
    }

    @Override
    public Object operation(Preset preset) {
        if (operand == null) {
            return null;
        }
        if (operationPreset != preset) {
            try {
                operation = preset.operation(operand);
            } catch (RuntimeException | LinkageError failure) {
                operation = null; // the agent's own failure: the call is out of scope, the application goes on
            }
            operationPreset = preset;
        }
        return operation;
    }

    /** The operand of the call being decided, or null. */
    Object operand() {
        return operand;
    }

    private static boolean objectMatches(Object value, Glob glob) {
        if (value == null || value instanceof String) {
            return glob.matches(value == null ? "null" : (String) value);
        }
        try {
            return glob.matches(String.valueOf(value));
        } catch (RuntimeException failingToString) {
            return false; // the application's toString failed: not in scope, and not our failure to report
        }
    }

    private boolean isObserving(ObservedCalls observer) {
        for (int i = 0; i < depth; i++) {
            if (observers[i] == observer) {
                return true;
            }
        }
        return false;
    }

    private boolean isOpen(ActiveRule rule, int below) {
        for (int i = 0; i < below; i++) {
            if (open[i].rule == rule) {
                return true;
            }
        }
        return false;
    }

    private void push(Binding binding) {
        if (height == open.length) {
            open = java.util.Arrays.copyOf(open, height * 2);
        }
        open[height++] = binding;
    }
}
