package dev.chaosagent.fault;

import dev.chaosagent.rule.DurationRange;

/** {@code cpu=50ms}: the calling thread burns CPU for that long before the body runs. */
public record CpuFault(long nanos) implements Fault {

    @Override
    public String key() {
        return "cpu";
    }

    @Override
    public String value() {
        return DurationRange.format(nanos);
    }

    @Override
    public Object inject(FaultContext context, long n) {
        long deadline = System.nanoTime() + nanos;
        long sink = n;
        while (System.nanoTime() - deadline < 0) {
            for (int i = 0; i < 1_000; i++) {
                sink = sink * 6364136223846793005L + 1442695040888963407L;
            }
        }
        // Keeps the JIT from removing the loop as dead code.
        if (sink == 42) {
            Thread.onSpinWait();
        }
        return null;
    }
}
