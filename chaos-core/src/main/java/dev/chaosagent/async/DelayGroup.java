package dev.chaosagent.async;

/**
 * The pending delays of one rule: when the rule ends (removed, replaced, expired, the kill switch)
 * {@link Delays#release} completes them at once, as if the rule had never been there.
 */
public final class DelayGroup {

    volatile boolean released;

    /** Completes this group's pending delays now, and any that its calls start from now on. */
    public void release() {
        Delays.shared().release(this);
    }
}
