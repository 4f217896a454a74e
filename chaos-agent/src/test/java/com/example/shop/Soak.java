package com.example.shop;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Adler32;

/**
 * The soak's callers: two workers calling an application method and a JDK method as fast as they
 * can, counting each fault they can see (an exception whose message starts with "soak:", or the
 * value -1, which neither method returns by itself) and anything else that goes wrong. A watchdog
 * dumps the threads if a call takes over 10 s.
 */
final class Soak {

    private static final long WATCHDOG_NANOS = 10_000_000_000L;
    private static final List<Thread> workers = new ArrayList<>();
    private static final AtomicLong calls = new AtomicLong();
    private static final AtomicLong observed = new AtomicLong();
    private static final AtomicLong unexpected = new AtomicLong();
    private static final AtomicLong longestNanos = new AtomicLong();
    private static final AtomicReference<String> firstUnexpected = new AtomicReference<>("none");
    private static final long[] callStarted = new long[2];
    private static volatile boolean running;

    private Soak() {
    }

    static String start() {
        running = true;
        Inventory inventory = new Inventory();
        for (int w = 0; w < 2; w++) {
            int index = w;
            Thread worker = new Thread(() -> work(index, inventory), "soak-worker-" + w);
            worker.start();
            workers.add(worker);
        }
        Thread watchdog = new Thread(Soak::watch, "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return "started";
    }

    private static void work(int index, Inventory inventory) {
        Adler32 checksum = new Adler32();
        for (int i = 0; running; i++) {
            callStarted[index] = System.nanoTime();
            call(() -> inventory.reserve(1) == -1);
            call(() -> {
                checksum.update(index);
                return checksum.getValue() == -1;
            });
            call(() -> {
                inventory.audit();
                return false;
            });
            callStarted[index] = 0;
        }
    }

    private interface Call {
        boolean injected();
    }

    private static void call(Call call) {
        long start = System.nanoTime();
        try {
            if (call.injected()) {
                observed.incrementAndGet();
            }
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("soak:")) {
                observed.incrementAndGet();
            } else {
                unexpected(e);
            }
        } catch (Throwable t) {
            unexpected(t);
        }
        calls.incrementAndGet();
        longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
    }

    private static void unexpected(Throwable t) {
        unexpected.incrementAndGet();
        firstUnexpected.compareAndSet("none", t.toString());
    }

    private static void watch() {
        while (running) {
            for (long started : callStarted) {
                if (started != 0 && System.nanoTime() - started > WATCHDOG_NANOS) {
                    System.out.println("WATCHDOG a call has taken over 10 s");
                    for (ThreadInfoLine line : ThreadInfoLine.all()) {
                        System.out.println("WATCHDOG " + line);
                    }
                    return;
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join();
        }
        workers.clear();
        return "calls=" + calls.get() + " observed=" + observed.get() + " unexpected=" + unexpected.get()
                + " longestMillis=" + longestNanos.get() / 1_000_000 + " first=" + firstUnexpected.get();
    }

    /** Heap in use after a full collection, in KB. */
    static long heapKb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** One line per thread, for the watchdog's dump. */
    record ThreadInfoLine(String name, String state, String top) {
        static List<ThreadInfoLine> all() {
            List<ThreadInfoLine> lines = new ArrayList<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> lines.add(new ThreadInfoLine(thread.getName(),
                    thread.getState().name(), stack.length == 0 ? "-" : stack[0].toString())));
            return lines;
        }
    }
}
