package dev.chaosagent.junit;

import dev.chaosagent.agent.AgentRuntime;
import dev.chaosagent.engine.ChaosEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady-state probe: runs an operation {@code repeated(N)} times, on {@code onThreads(K)}
 * threads, then asserts on its success rate, its latency percentiles and the exceptions seen. The
 * calls run once, at the first assertion; the following ones look at the same results. A failure
 * shows the measured figures and what each chaos rule injected meanwhile.
 */
public final class CallsAssert {

    /** The operation under test; its return value, if any, is ignored. */
    @FunctionalInterface
    public interface Operation {
        void call() throws Throwable;
    }

    private final Operation operation;
    private final int repetitions;
    private final int threads;
    private Results results;

    CallsAssert(Operation operation, int repetitions, int threads, Results results) {
        this.operation = operation;
        this.repetitions = repetitions;
        this.threads = threads;
        this.results = results;
    }

    /** Runs the operation this many times (100 unless set). */
    public CallsAssert repeated(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("repeated: " + times + " is not positive (expected 1 or more)");
        }
        return new CallsAssert(operation, times, threads, null);
    }

    /** Spreads the calls over this many threads (1 unless set). */
    public CallsAssert onThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("onThreads: " + count + " is not positive (expected 1 or more)");
        }
        return new CallsAssert(operation, repetitions, count, null);
    }

    /** At least this share of the calls (0..1) returned normally. */
    public CallsAssert succeedAtLeast(double share) {
        Results r = results();
        if (r.successes < share * r.calls) {
            throw failure(String.format(Locale.ROOT, "expected at least %.1f%% of %d calls to succeed, but %d did (%.1f%%)",
                    share * 100, r.calls, r.successes, 100.0 * r.successes / r.calls), r);
        }
        return this;
    }

    /** At most this share of the calls (0..1) returned normally: chaos that cannot bite proves nothing. */
    public CallsAssert succeedAtMost(double share) {
        Results r = results();
        if (r.successes > share * r.calls) {
            throw failure(String.format(Locale.ROOT, "expected at most %.1f%% of %d calls to succeed, but %d did (%.1f%%)",
                    share * 100, r.calls, r.successes, 100.0 * r.successes / r.calls), r);
        }
        return this;
    }

    /** The 99th percentile of call durations (successful or not) is below this. */
    public CallsAssert withP99Below(Duration limit) {
        return withPercentileBelow(99, limit);
    }

    /** The median call duration is below this. */
    public CallsAssert withP50Below(Duration limit) {
        return withPercentileBelow(50, limit);
    }

    /** The given percentile (0..100) of call durations is below this. */
    public CallsAssert withPercentileBelow(double percentile, Duration limit) {
        Results r = results();
        long nanos = r.percentile(percentile);
        if (nanos >= limit.toNanos()) {
            throw failure(String.format(Locale.ROOT, "expected p%s below %s, but it was %s", trim(percentile), millis(limit.toNanos()),
                    millis(nanos)), r);
        }
        return this;
    }

    /** Every exception seen is one of these types (or a subtype). */
    @SafeVarargs
    public final CallsAssert failOnlyWith(Class<? extends Throwable>... allowed) {
        Results r = results();
        for (String type : r.exceptions.keySet()) {
            boolean ok = Arrays.stream(allowed).anyMatch(a -> r.exampleOf(type) != null && a.isInstance(r.exampleOf(type)));
            if (!ok) {
                throw failure("expected only " + Arrays.stream(allowed).map(Class::getName).toList() + " to be thrown, but saw " + type, r);
            }
        }
        return this;
    }

    /** The figures, for assertions of your own. */
    public Results results() {
        if (results == null) {
            results = run();
        }
        return results;
    }

    private Results run() {
        Results r = new Results();
        AtomicInteger remaining = new AtomicInteger(repetitions);
        Runnable worker = () -> {
            while (remaining.getAndDecrement() > 0) {
                long start = System.nanoTime();
                Throwable thrown = null;
                try {
                    operation.call();
                } catch (Throwable t) {
                    thrown = t;
                }
                r.record(System.nanoTime() - start, thrown);
            }
        };
        if (threads == 1) {
            worker.run();
            return r;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "chaos-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the probe's threads failed", e);
        } finally {
            pool.shutdownNow();
        }
        return r;
    }

    private AssertionError failure(String what, Results r) {
        StringBuilder message = new StringBuilder(what).append('\n').append(r.summary());
        AgentRuntime runtime = AgentRuntime.current();
        if (runtime != null) {
            ChaosEngine engine = runtime.engine();
            message.append("\n  chaos:");
            if (engine.ruleNames().isEmpty()) {
                message.append(" no rule active");
            }
            for (String rule : engine.ruleNames()) {
                try {
                    message.append("\n    ").append(rule).append(": ").append(engine.injections(rule)).append(" injections in ")
                            .append(engine.calls(rule)).append(" calls");
                } catch (IllegalArgumentException gone) {
                    // removed meanwhile
                }
            }
        }
        return new AssertionError(message.toString());
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** What the calls did. */
    public static final class Results {
        private final List<Long> durations = new ArrayList<>();
        private final Map<String, Integer> exceptions = new TreeMap<>();
        private final Map<String, Throwable> examples = new TreeMap<>();
        private int calls;
        private int successes;

        private synchronized void record(long nanos, Throwable thrown) {
            calls++;
            durations.add(nanos);
            if (thrown == null) {
                successes++;
            } else {
                exceptions.merge(thrown.getClass().getName(), 1, Integer::sum);
                examples.putIfAbsent(thrown.getClass().getName(), thrown);
            }
        }

        public synchronized int calls() {
            return calls;
        }

        public synchronized int successes() {
            return successes;
        }

        /** How often each exception type was thrown, by class name. */
        public synchronized Map<String, Integer> exceptions() {
            return Map.copyOf(exceptions);
        }

        synchronized Throwable exampleOf(String type) {
            return examples.get(type);
        }

        /** The given percentile (0..100) of call durations, in nanoseconds (nearest rank). */
        public synchronized long percentile(double percentile) {
            long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
            int rank = (int) Math.ceil(percentile / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        synchronized String summary() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  calls: %d, succeeded: %d (%.1f%%)%n", calls,
                    successes, 100.0 * successes / calls));
            text.append(String.format(Locale.ROOT, "  latency: p50 %s, p99 %s, max %s", millis(percentile(50)),
                    millis(percentile(99)), millis(percentile(100))));
            if (!exceptions.isEmpty()) {
                text.append("\n  exceptions:");
                exceptions.forEach((type, count) -> text.append(' ').append(type).append(" x").append(count));
            }
            return text.toString();
        }
    }
}
