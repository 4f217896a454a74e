package dev.chaosagent.async;

/**
 * The pending delays of one rule: when the rule ends (removed, replaced, expired, the kill switch)
 * {@link Delays#release} completes them at once, as if the rule had never been there.
 */
public final class DelayGroup {

    volatile boolean released;

    /** Runs {@code task} on the common pool after {@code nanos}, or at once when this group is released first. */
    public void runAfter(long nanos, Runnable task) {
        new PendingDelay(this) {
            @Override
            void complete() {
                task.run();
            }
        }.startAfter(nanos);
    }

    /** Completes this group's pending delays now, and any that its calls start from now on. */
    public void release() {
        Delays.shared().release(this);
    }
}
