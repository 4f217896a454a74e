package com.example.shop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Callers for the experiment tests: workers placing orders (each ~1 ms apart) and one thread
 * shipping, remembering when they last saw a failure and when a ship that slept returned, as
 * instants (microseconds), to set against the journal's times.
 */
final class OrderLoad {

    private static final long SLEPT_NANOS = 100_000_000L;
    private static final List<Thread> threads = new ArrayList<>();
    private static final AtomicLong calls = new AtomicLong();
    private static final AtomicLong failures = new AtomicLong();
    private static final AtomicReference<Instant> lastFailure = new AtomicReference<>(Instant.EPOCH);
    private static final AtomicReference<Instant> lastSleptReturn = new AtomicReference<>(Instant.EPOCH);
    private static volatile boolean running;

    private OrderLoad() {
    }

    static String start(int workers) {
        running = true;
        Orders orders = new Orders();
        for (int w = 0; w < workers; w++) {
            int offset = w * 1_000_000;
            threads.add(new Thread(() -> {
                for (int i = offset; running; i++) {
                    try {
                        orders.place(i);
                    } catch (Exception e) {
                        lastFailure.set(Instant.now());
                        failures.incrementAndGet();
                    }
                    calls.incrementAndGet();
                    pause();
                }
            }, "order-worker-" + w));
        }
        threads.add(new Thread(() -> {
            for (int i = 0; running; i++) {
                long start = System.nanoTime();
                orders.ship(i);
                if (System.nanoTime() - start >= SLEPT_NANOS) {
                    lastSleptReturn.set(Instant.now());
                }
                pause();
            }
        }, "order-shipper"));
        threads.forEach(Thread::start);
        return "started " + workers;
    }

    /** Forgets the failures and sleeps seen so far. */
    static String mark() {
        lastFailure.set(Instant.EPOCH);
        lastSleptReturn.set(Instant.EPOCH);
        return calls.get() + " " + failures.get();
    }

    static String lastFailure() {
        return lastFailure.get().toString();
    }

    static String lastSleptReturn() {
        return lastSleptReturn.get().toString();
    }

    static String stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        threads.clear();
        return calls.get() + " calls, " + failures.get() + " failures";
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
