package dev.chaosagent.junit;

import dev.chaosagent.engine.ChaosEngine;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.awaitility.Awaitility;

/**
 * Waits on chaos, backed by Awaitility, and reads as a sentence:
 * {@code chaos.await().atMost(ofSeconds(5)).injections("slow-catalog").atLeast(5)}.
 * Immutable: each step returns a new instance.
 */
public final class ChaosAwait {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ChaosEngine engine;
    private final Duration timeout;

    ChaosAwait(ChaosEngine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    /** How long to wait at most (10 s unless set). */
    public ChaosAwait atMost(Duration newTimeout) {
        return new ChaosAwait(engine, newTimeout);
    }

    /** The injections of a rule. */
    public Count injections(String rule) {
        return new Count("injections of rule " + rule, e -> e.injections(rule));
    }

    /** The eligible calls of a rule. */
    public Count calls(String rule) {
        return new Count("calls of rule " + rule, e -> e.calls(rule));
    }

    /** A counter to wait on. */
    public final class Count {
        private final String what;
        private final ToLongFunction<ChaosEngine> counter;

        private Count(String what, ToLongFunction<ChaosEngine> counter) {
            this.what = what;
            this.counter = counter;
        }

        /** Waits until the counter reaches {@code n}; fails with the last value seen after the timeout. */
        public long atLeast(long n) {
            return Awaitility.await(what + " to reach " + n).atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> counter.applyAsLong(engine), value -> value >= n);
        }
    }
}
