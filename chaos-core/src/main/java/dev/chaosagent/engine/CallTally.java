package dev.chaosagent.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A rule's count of calls and, for a rule of probability alone, its roll: the two things every
 * armed call does, kept per thread so that the call needs neither an atomic instruction nor a
 * random number. Each thread counts in a cell of its own with a plain store (a {@link LongAdder}'s
 * atomic add costs more than the rest of a call that does not inject), and draws how many calls
 * pass before its next selected one (the gaps of independent trials of probability p follow a
 * geometric law), so that a call only counts and compares. A thread whose slot another live thread owns
 * counts in a shared {@link LongAdder} and rolls each call instead. Reading sums the cells: exact
 * once the calls have returned.
 */
final class CallTally {

    private static final int SLOTS = 32;
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Cell.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Cell[] cells = new Cell[SLOTS];
    private final LongAdder shared = new LongAdder();
    /** The chance that a call is selected: 1 when this tally does not roll. */
    private final double probability;
    /** {@code ln(1 - probability)}: a gap is {@code ceil(ln(u) / this)} for u uniform in (0, 1]. */
    private final double logMiss;

    /**
     * @param probability the chance that a call is selected, in [0, 1]: 1 for a tally that only
     *                    counts, which selects every call and leaves the rule's other triggers to decide
     */
    CallTally(double probability) {
        this.probability = probability;
        this.logMiss = Math.log1p(-probability);
    }

    /** Counts one call; returns whether it is selected (always, for a tally that only counts). */
    boolean count() {
        Thread thread = Thread.currentThread();
        long id = thread.getId();
        Cell cell = cells[(int) id & (SLOTS - 1)];
        if (cell == null || cell.owner != id) {
            cell = claim(thread);
            if (cell == null) {
                return countShared();
            }
        }
        // One store a call: the count is also the countdown, compared with the next selected call's number.
        long counted = cell.count + 1;
        COUNT.setOpaque(cell, counted); // only its owner writes a cell
        if (counted < cell.selectedAt) {
            return false;
        }
        selectNext(cell, counted);
        return true;
    }

    // The two below are kept out of count(), which the JIT inlines into every woven method only while its compiled code is small.

    /** Counts a call of a thread whose slot another live thread owns, and rolls it. */
    private boolean countShared() {
        shared.increment();
        return ThreadLocalRandom.current().nextDouble() < probability;
    }

    /** Draws the thread's next selected call after call {@code counted}: never reached when that is beyond counting. */
    private void selectNext(Cell cell, long counted) {
        long gap = gap();
        cell.selectedAt = gap > Long.MAX_VALUE - counted ? Long.MAX_VALUE : counted + gap;
    }

    /** The thread's cell, taken over from a thread gone or made now; null when a live thread owns the slot. */
    private Cell claim(Thread thread) {
        int slot = (int) thread.getId() & (SLOTS - 1);
        synchronized (this) {
            Cell cell = cells[slot];
            Thread owner = cell == null ? null : cell.get();
            if (owner != null && owner.isAlive()) {
                return owner == thread ? cell : null;
            }
            if (cell != null) {
                shared.add((long) COUNT.getOpaque(cell)); // its owner is gone: what it counted stays counted
            }
            Cell claimed = new Cell(thread, gap());
            cells[slot] = claimed;
            return claimed;
        }
    }

    /** The number of calls up to and including the next selected one. */
    private long gap() {
        if (probability >= 1) {
            return 1;
        }
        if (probability <= 0) {
            return Long.MAX_VALUE; // probability=0: never selected
        }
        double u = 1.0 - ThreadLocalRandom.current().nextDouble();
        double calls = Math.ceil(Math.log(u) / logMiss);
        return calls < 1 ? 1 : calls >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) calls;
    }

    long sum() {
        long sum;
        Cell[] snapshot;
        synchronized (this) {
            sum = shared.sum();
            snapshot = cells.clone();
        }
        for (Cell cell : snapshot) {
            if (cell != null) {
                sum += (long) COUNT.getOpaque(cell);
            }
        }
        return sum;
    }

    /** One thread's count and countdown; it refers to its owner weakly, so that a thread gone is not kept. */
    private static final class Cell extends WeakReference<Thread> {
        /**
         * The owner's id, which the per-call path compares instead of the weak reference: one load
         * fewer. HotSpot never reuses an id; were one reused, its new thread would go on with the
         * count of the thread gone, as a thread that claims a dead thread's cell does.
         */
        final long owner;
        long count;
        /** The number of this thread's next selected call: {@link Long#MAX_VALUE}, never reached, for probability 0. */
        long selectedAt;

        Cell(Thread owner, long selectedAt) {
            super(owner);
            this.owner = owner.getId();
            this.selectedAt = selectedAt;
        }
    }
}
