package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A fixed closed-loop HTTP load on the music store: each client sends its next request when the
 * answer to the previous one has arrived, so the load is what the service can carry and a slower
 * service shows as fewer requests. A warm-up whose requests are not recorded, then a measured period
 * in which each request that starts is timed (nanoseconds, kept whole and sorted: no histogram's
 * rounding). Three requests in four ask for an album (the catalog over HTTP, then a delete and an
 * insert in the database), the fourth searches the database. Each client has ids of its own, so
 * that no two requests write one row at once.
 */
final class ClosedLoopLoad {

    private static final String[] SEARCHES = {"miles", "nina", "radiohead", "kraftwerk"};
    private static final int IDS_PER_CLIENT = 30;

    /**
     * What a measured period saw: requests a second, latency percentiles, answers other than 200, and
     * the CPU time the service spent per request, which other processes on the machine inflate less
     * than they inflate wall-clock figures (on a shared virtual machine it still moves with the load).
     */
    record Result(double perSecond, double p50Millis, double p99Millis, int requests, int errors, double cpuMicrosPerRequest) {
    }

    private ClosedLoopLoad() {
    }

    /** One request of each kind, however long it takes: the classes of the request path load (and are woven) before any period starts. */
    static void prime(int port) throws IOException {
        Client client = new Client(0, 0);
        try (KeepAliveConnection connection = new KeepAliveConnection(port)) {
            for (int i = 0; i < 4; i++) {
                int status = connection.get(client.path(i));
                if (status != 200) {
                    throw new IllegalStateException("the service answered " + status + " to " + client.path(i));
                }
            }
        }
    }

    /**
     * Runs the load for {@code unrecordedMillis}, then records {@code measuredMillis} of it.
     *
     * @param serviceCpuNanos the CPU time the service's process has used so far, read as the measured period starts and ends
     */
    static Result run(int port, int clients, long unrecordedMillis, long measuredMillis, LongSupplier serviceCpuNanos) throws Exception {
        long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(unrecordedMillis);
        long measureUntil = measureFrom + TimeUnit.MILLISECONDS.toNanos(measuredMillis);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Client>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Client client = new Client(c, measuredMillis);
                running.add(pool.submit(() -> client.run(port, measureFrom, measureUntil)));
            }
            sleepUntil(measureFrom);
            long cpuFrom = serviceCpuNanos.getAsLong();
            sleepUntil(measureUntil);
            long cpuUntil = serviceCpuNanos.getAsLong();
            long[] all = new long[0];
            int errors = 0;
            for (Future<Client> future : running) {
                Client client = future.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + client.count);
                System.arraycopy(client.nanos, 0, all, from, client.count);
                errors += client.errors;
            }
            if (all.length == 0) {
                // Every client was held in one request the whole period (a machine far too busy): each took at least that long.
                return new Result(0, measuredMillis, measuredMillis, 0, errors, (cpuUntil - cpuFrom) / 1e3);
            }
            Arrays.sort(all);
            double perSecond = all.length * 1000.0 / measuredMillis;
            return new Result(perSecond, all[all.length / 2] / 1e6, all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, all.length, errors,
                    (cpuUntil - cpuFrom) / 1e3 / all.length);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** One client's connection and its record of the measured period. */
    private static final class Client {

        private final int index;
        private long[] nanos;
        private int count;
        private int errors;

        Client(int index, long measuredMillis) {
            this.index = index;
            this.nanos = new long[(int) Math.min(1 << 24, 1 + measuredMillis * 20)]; // room for 20,000 requests a second
        }

        Client run(int port, long measureFrom, long measureUntil) throws Exception {
            try (KeepAliveConnection connection = new KeepAliveConnection(port)) {
                for (int i = 0; ; i++) {
                    long start = System.nanoTime();
                    if (start - measureUntil >= 0) {
                        return this;
                    }
                    int status = connection.get(path(i));
                    long took = System.nanoTime() - start;
                    if (start - measureFrom >= 0) {
                        record(took);
                        if (status != 200) {
                            errors++;
                        }
                    }
                }
            }
        }

        private String path(int i) {
            if (i % 4 == 3) {
                return "/search?q=" + SEARCHES[(i / 4) % SEARCHES.length];
            }
            return "/albums/" + (index * 1000 + i % IDS_PER_CLIENT + 1);
        }

        private void record(long took) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = took;
        }
    }
}
