package dev.chaosagent.engine;

/**
 * The calls in progress on one thread, as the rules see them: for each rule, whether the thread is
 * inside a call that the rule counted. A call of a method that a rule matches, made while such a
 * call is in progress, belongs to that one logical call (a proxy delegating to its target, a
 * subclass calling {@code super}, a forwarder, recursion): the rule neither counts nor injects it.
 *
 * <p>{@link SiteTable#enter} opens a frame with the bindings whose rules are not yet open and hands
 * this object to the woven code as its token; {@link SiteTable#exit} closes the frame. Frames
 * nest strictly, as calls do. Only bindings are held, and only while their call runs.
 */
public final class ThreadCalls {

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

    private ThreadCalls() {
    }

    static ThreadCalls current() {
        return CURRENT.get();
    }

    /**
     * Opens a frame with those of {@code bindings} whose rule is not open on this thread yet, and
     * returns the index of the first; none were when it equals {@link #height()}, and then no frame
     * was opened.
     */
    int open(Binding[] bindings) {
        int base = height;
        for (Binding binding : bindings) {
            if (!isOpen(binding.rule, base)) {
                push(binding);
            }
        }
        if (height > base) {
            if (depth == frames.length) {
                frames = java.util.Arrays.copyOf(frames, depth * 2);
            }
            frames[depth++] = base;
        }
        return base;
    }

    /** Closes the innermost frame; returns the index of its first binding, as {@link #open} did. */
    int close() {
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
