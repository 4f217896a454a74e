package dev.chaosagent.async;

import java.util.concurrent.Delayed;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One delayed completion: itself the scheduled task, so that a firing latency allocates this and
 * nothing else while it waits. It fires once, whether its time comes or its rule ends first; the
 * completion runs on the common pool, as {@code CompletableFuture.delayedExecutor} runs it, so the
 * application's continuations never hold the scheduler's one thread.
 */
abstract class PendingDelay implements Delayed, Runnable {

    private static final AtomicIntegerFieldUpdater<PendingDelay> FIRED = AtomicIntegerFieldUpdater.newUpdater(PendingDelay.class, "fired");

    final DelayGroup group;
    private long deadline;
    private volatile int fired;

    PendingDelay(DelayGroup group) {
        this.group = group;
    }

    /** Completes after {@code nanos}, or at once when the group is released first. */
    final void startAfter(long nanos) {
        deadline = System.nanoTime() + nanos;
        Delays.shared().schedule(this);
    }

    /** Completes now unless it already has; true when this call completed it. */
    final boolean fire() {
        if (!FIRED.compareAndSet(this, 0, 1)) {
            return false;
        }
        ForkJoinPool.commonPool().execute(this);
        return true;
    }

    /** What completing means: the application's future completes, a subscription starts. */
    abstract void complete();

    @Override
    public final void run() {
        complete();
    }

    @Override
    public final long getDelay(TimeUnit unit) {
        return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public final int compareTo(Delayed other) {
        return Long.compare(deadline, ((PendingDelay) other).deadline);
    }
}
