package dev.chaosagent.fault;

import dev.chaosagent.rule.DurationRange;
import java.util.concurrent.locks.LockSupport;

/** {@code latency=800ms} or {@code latency=200ms..1500ms}: the calling thread waits before (or after) the body. */
public record LatencyFault(DurationRange delay) implements Fault {

    /** How often a sleeping latency looks whether its rule still acts: an abort or a removal wakes it within this. */
    public static final long SLICE_MILLIS = 10;

    @Override
    public String key() {
        return "latency";
    }

    @Override
    public String value() {
        return delay.toString();
    }

    @Override
    public boolean entryOnly() {
        return false;
    }

    @Override
    public Object inject(FaultContext context, long n) {
        sleep(nanos(context, n), context);
        return null;
    }

    /** The delay of the {@code n}th eligible call: fixed, or drawn from the range. */
    public long nanos(FaultContext context, long n) {
        return delay.isFixed() ? delay.minNanos() : context.randomBetween(delay.minNanos(), delay.maxNanos(), n);
    }

    /**
     * Parks until the deadline, so that spurious wake-ups do not shorten the delay. An interrupt
     * ends the wait early and stays set, as it would for a real blocking call; so does the end of
     * the rule (an experiment's abort): the call then goes on normally.
     */
    static void sleep(long nanos, FaultContext context) {
        long deadline = System.nanoTime() + nanos;
        long slice = SLICE_MILLIS * 1_000_000;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, slice));
            if (Thread.currentThread().isInterrupted() || !context.acting()) {
                return;
            }
        }
    }
}
