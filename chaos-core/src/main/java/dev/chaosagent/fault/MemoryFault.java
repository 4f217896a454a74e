package dev.chaosagent.fault;

import dev.chaosagent.rule.Sizes;

/** {@code memory=1MB}: each injection retains that much heap until the rule ends, like a leak. */
public record MemoryFault(long bytes) implements Fault {

    @Override
    public String key() {
        return "memory";
    }

    @Override
    public String value() {
        return Sizes.format(bytes);
    }

    @Override
    public Object inject(FaultContext context, long n) {
        context.retainHeap(bytes);
        return null;
    }
}
