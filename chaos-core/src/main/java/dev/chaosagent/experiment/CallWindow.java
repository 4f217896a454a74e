package dev.chaosagent.experiment;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The observed calls, counted as they end: over a sliding window (a ring of {@value #BUCKETS} time
 * buckets), since the phase began, and since the last sample. Each count is a row of one fixed
 * array: the number of calls, of failures, of calls slower than the hypothesis's p99 bound, and a
 * {@link LatencyBins} histogram. Recording a call allocates nothing and takes no lock; a call that
 * ends while its bucket is being reused for a new slice of time may go uncounted.
 */
final class CallWindow {

    static final int BUCKETS = 20;
    private static final int STAMP = 0;
    private static final int CALLS = 1;
    private static final int FAILURES = 2;
    private static final int SLOW = 3;
    private static final int BINS = 4;
    private static final int ROW = BINS + LatencyBins.COUNT;
    /** The rows after the ring: since the phase began, since the last sample. */
    private static final int PHASE = BUCKETS;
    private static final int SAMPLE = BUCKETS + 1;

    private final long origin = System.nanoTime();
    private final long bucketNanos;
    private final long slowNanos;
    private final AtomicLongArray rows = new AtomicLongArray((BUCKETS + 2) * ROW);

    /** @param slowNanos the p99 bound: calls longer than this count as slow; 0: none does */
    CallWindow(long windowNanos, long slowNanos) {
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        this.slowNanos = slowNanos;
    }

    long windowNanos() {
        return bucketNanos * BUCKETS;
    }

    long slowNanos() {
        return slowNanos;
    }

    void record(long now, long durationNanos, boolean failed) {
        long slice = (now - origin) / bucketNanos + 1; // stamps start at 1: 0 is an unused bucket
        int bucket = (int) (slice % BUCKETS) * ROW;
        long stamp = rows.get(bucket + STAMP);
        if (stamp != slice) {
            if (stamp > slice || !rows.compareAndSet(bucket + STAMP, stamp, slice)) {
                if (rows.get(bucket + STAMP) != slice) {
                    return; // a late call of a slice already gone
                }
            } else {
                for (int i = 1; i < ROW; i++) {
                    rows.set(bucket + i, 0);
                }
            }
        }
        int bin = LatencyBins.of(durationNanos);
        boolean slow = slowNanos > 0 && durationNanos > slowNanos;
        add(bucket, failed, slow, bin);
        add(PHASE * ROW, failed, slow, bin);
        add(SAMPLE * ROW, failed, slow, bin);
    }

    private void add(int row, boolean failed, boolean slow, int bin) {
        rows.incrementAndGet(row + CALLS);
        if (failed) {
            rows.incrementAndGet(row + FAILURES);
        }
        if (slow) {
            rows.incrementAndGet(row + SLOW);
        }
        rows.incrementAndGet(row + BINS + bin);
    }

    /**
     * Whether the window now breaks the hypothesis: false too with fewer than {@code minCalls} calls
     * in it. Reads counts only, no histogram, and allocates nothing: cheap enough for every failed call.
     */
    boolean breaks(long now, int minCalls, double success) {
        long current = (now - origin) / bucketNanos + 1;
        long calls = 0;
        long failures = 0;
        long slow = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int row = b * ROW;
            if (inWindow(rows.get(row + STAMP), current)) {
                calls += rows.get(row + CALLS);
                failures += rows.get(row + FAILURES);
                slow += rows.get(row + SLOW);
            }
        }
        return calls >= minCalls && !holds(calls, failures, slow, success);
    }

    /** The window's counts now, without its p99 (0): what the breaking call's own thread can afford to read. */
    Reading counts(long now) {
        long current = (now - origin) / bucketNanos + 1;
        long[] sums = new long[BINS];
        for (int b = 0; b < BUCKETS; b++) {
            int row = b * ROW;
            if (inWindow(rows.get(row + STAMP), current)) {
                for (int i = CALLS; i < BINS; i++) {
                    sums[i] += rows.get(row + i);
                }
            }
        }
        return new Reading(sums[CALLS], sums[FAILURES], sums[SLOW], 0);
    }

    /** At least {@code success} of the calls succeeded, and at most 1% were slower than the p99 bound. */
    static boolean holds(long calls, long failures, long slow, double success) {
        return calls - failures >= success * calls - 1e-9 * calls && calls - slow >= (long) Math.ceil(calls * 0.99 - 1e-9);
    }

    /** The window now, with its p99. */
    Reading window(long now) {
        long current = (now - origin) / bucketNanos + 1;
        long[] sums = new long[ROW];
        for (int b = 0; b < BUCKETS; b++) {
            int row = b * ROW;
            if (inWindow(rows.get(row + STAMP), current)) {
                for (int i = 1; i < ROW; i++) {
                    sums[i] += rows.get(row + i);
                }
            }
        }
        return reading(sums);
    }

    /** The calls since the phase began, and starts counting the next phase. */
    Reading drainPhase() {
        return drain(PHASE);
    }

    /** The calls since the last sample, and starts counting the next. */
    Reading drainSample() {
        return drain(SAMPLE);
    }

    private Reading drain(int which) {
        long[] sums = new long[ROW];
        for (int i = 1; i < ROW; i++) {
            sums[i] = rows.getAndSet(which * ROW + i, 0);
        }
        return reading(sums);
    }

    private static boolean inWindow(long stamp, long current) {
        return stamp != 0 && stamp <= current && stamp > current - BUCKETS;
    }

    private static Reading reading(long[] sums) {
        long calls = sums[CALLS];
        long p99 = 0;
        if (calls > 0) {
            long rank = (long) Math.ceil(calls * 0.99);
            long seen = 0;
            for (int bin = 0; bin < LatencyBins.COUNT; bin++) {
                seen += sums[BINS + bin];
                if (seen >= rank) {
                    p99 = LatencyBins.upperBound(bin);
                    break;
                }
            }
        }
        return new Reading(calls, sums[FAILURES], sums[SLOW], p99);
    }

    /** Counts of observed calls, and their 99th percentile duration (0 without calls). */
    record Reading(long calls, long failures, long slow, long p99Nanos) {

        double success() {
            return calls == 0 ? 1.0 : (double) (calls - failures) / calls;
        }

        boolean holds(int minCalls, double success) {
            return calls >= minCalls && CallWindow.holds(calls, failures, slow, success);
        }
    }
}
