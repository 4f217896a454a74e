package dev.chaosagent.engine;

import dev.chaosagent.fault.FaultFailedException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts over every rule since the engine started, removed rules included. */
final class EngineTotals {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.engine");

    private final LongAdder injections = new LongAdder();
    private final AtomicLong failures = new AtomicLong();
    /** Heap retained by memory faults, shared by the resources of every rule against one cap. */
    final AtomicLong retainedHeap = new AtomicLong();
    private final Set<String> reportedFailures = new HashSet<>();

    void countInjection() {
        injections.increment();
    }

    long injections() {
        return injections.sum();
    }

    /** A fault failed at its own work: reported once per rule, counted always, never thrown to the caller. */
    void reportFailure(ActiveRule rule, Throwable failure) {
        failures.incrementAndGet();
        boolean first;
        synchronized (reportedFailures) {
            first = reportedFailures.add(rule.name);
        }
        if (first) {
            log.warn("rule {}: the {} fault failed and was skipped: {}", rule.name, rule.fault().key(),
                    failure instanceof FaultFailedException ? failure.getMessage() : failure.toString());
        }
    }

    long failures() {
        return failures.get();
    }
}
