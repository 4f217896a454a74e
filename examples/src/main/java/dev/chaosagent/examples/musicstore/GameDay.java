package dev.chaosagent.examples.musicstore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted game day (run by {@code examples/game-day.sh}): warms the store up, measures its
 * steady state, and only when that holds drives load through the phases of chaos, changing the
 * faults through chaos-agent's CLI between phases. It prints one table and exits with
 * {@link #HELD}, {@link #FAILED} (the steady-state hypothesis, success at least 99% and p99 under
 * 500 ms, failed in a phase of chaos) or {@link #NOT_STEADY} (it did not hold before any fault, so
 * none was injected).
 *
 * <p>Arguments: {@code STORE_URL STORE_PID AGENT_JAR [--phase-seconds N]}.
 */
public final class GameDay {

    static final int HELD = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_STEADY = 3;
    static final double MIN_SUCCESS = 0.99;
    static final long MAX_P99_MILLIS = 500;
    static final int ALBUMS = 50;
    private static final String CATALOG = "dev.chaosagent.examples.musicstore.CatalogClient#fetchAlbum";
    private static final Pattern TOTAL = Pattern.compile("(\\d+) injections? in all");
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final int CLIENTS = 4;
    private static final Duration PACE = Duration.ofMillis(10);

    /** Whoever changes the chaos between phases: a CLI command in, its answer out. */
    interface Operator {
        String run(List<String> command) throws IOException, InterruptedException;
    }

    /** One phase: what the operator does at its start (CLI commands), then load. */
    record Phase(String name, List<List<String>> commands) {
    }

    record Row(String phase, int requests, double success, long p50, long p99, long injections, String breaker) {
        boolean holds() {
            return GameDay.holds(success, p99);
        }
    }

    private final URI store;
    private final Operator operator;
    private final Duration phaseLength;
    private final Duration warmUpLimit;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param out where the table and the verdict go; progress goes to stderr */
    GameDay(URI store, Operator operator, Duration phaseLength, Duration warmUpLimit, PrintStream out) {
        this.store = store;
        this.operator = operator;
        this.phaseLength = phaseLength;
        this.warmUpLimit = warmUpLimit;
        this.out = out;
    }

    static boolean holds(double success, long p99) {
        return success >= MIN_SUCCESS && p99 < MAX_P99_MILLIS;
    }

    static List<Phase> phases() {
        return List.of(
                new Phase("steady state", List.of()),
                new Phase("catalog latency", List.of(
                        List.of("add", "name=slow-catalog target=" + CATALOG + " latency=800ms probability=0.5"))),
                new Phase("catalog exceptions", List.of(
                        List.of("remove", "slow-catalog"),
                        List.of("add", "name=flaky-catalog target=" + CATALOG
                                + " exception=java.io.IOException message=\"chaos: connection reset\" probability=0.5"))),
                new Phase("database faults", List.of(
                        List.of("remove", "flaky-catalog"),
                        List.of("enable", "db-faults"))),
                new Phase("kill switch", List.of(List.of("stop"))),
                new Phase("recovery", List.of()));
    }

    int run() throws Exception {
        // The first command attaches to the store and starts its JMX connector: work for the warm-up, not the steady state.
        totalInjections();
        warmUp();
        List<Row> rows = new ArrayList<>();
        long injectionsBefore = totalInjections();
        List<Phase> phases = phases();
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            for (List<String> command : phase.commands()) {
                operator.run(command);
            }
            Load load = drive(phaseLength, String.format(Locale.ROOT, "phase %d/%d %-20s", i + 1, phases.size(), phase.name()));
            long injections = totalInjections();
            Row row = new Row(phase.name(), load.requests(), load.success(), load.percentile(50), load.percentile(99),
                    injections - injectionsBefore, breakerState());
            rows.add(row);
            injectionsBefore = injections;
            if (i == 0 && !row.holds()) {
                out.print(table(rows));
                out.println(String.format(Locale.ROOT, "steady state does NOT hold before any fault: %.1f%% success, p99 %d ms"
                        + " (the hypothesis: success >= 99%%, p99 < 500 ms). No fault was injected: a game day starts from a"
                        + " system that works. Look at the store's log and at what else loads the machine, then run it again.",
                        row.success() * 100, row.p99()));
                return NOT_STEADY;
            }
        }
        out.print(table(rows));
        boolean holds = rows.stream().allMatch(Row::holds);
        out.println(holds
                ? "steady-state hypothesis held in every phase (success >= 99%, p99 < 500 ms)"
                : "steady-state hypothesis FAILED in: " + rows.stream().filter(r -> !r.holds()).map(Row::phase).toList());
        return holds ? HELD : FAILED;
    }

    /**
     * Brings the three JVMs to the state the day measures: every album once (the store's cache and
     * its connections to the catalog), then load in one-second windows until two in a row meet the
     * hypothesis, or the limit passes. Cold JVMs on a busy machine answer their first seconds far
     * slower than the rest of the day; measured cold, the steady state fails with no fault in it.
     */
    private void warmUp() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + warmUpLimit.toNanos();
        for (int id = 1; id <= ALBUMS && System.nanoTime() < deadline; id++) {
            get(id);
        }
        int steadyWindows = 0;
        int windows = 0;
        while (steadyWindows < 2 && System.nanoTime() < deadline) {
            Load window = drive(WINDOW, null);
            windows++;
            steadyWindows = holds(window.success(), window.percentile(99)) ? steadyWindows + 1 : 0;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.err.println(steadyWindows == 2
                ? String.format(Locale.ROOT, "  warm-up: every album once, then %d one-second windows of load; steady after %d s", windows, seconds)
                : String.format(Locale.ROOT, "  warm-up: not steady after %d s; measuring the steady state anyway", seconds));
    }

    /** One request as a client makes it: true when the store answered 200. */
    private boolean get(int album) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(store.resolve("/albums/" + album)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Load for a while: {@link #CLIENTS} clients, each sending its next request when the last one
     * is answered but no sooner than {@link #PACE} after it started; with a label, a progress line
     * every second. Paced, the load measures how the store answers; flat out, on a machine with few
     * cores, it would measure how the load generator competes with the store for them.
     */
    private Load drive(Duration length, String label) throws InterruptedException {
        Load load = new Load();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    int album = ThreadLocalRandom.current().nextInt(1, ALBUMS + 1);
                    long start = System.nanoTime();
                    try {
                        boolean ok = get(album);
                        long took = System.nanoTime() - start;
                        load.record(took, ok);
                        TimeUnit.NANOSECONDS.sleep(PACE.toNanos() - took);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        // On a terminal the progress line updates in place every second; in a log, one line per phase.
        boolean terminal = System.console() != null && label != null;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            if (terminal) {
                System.err.print("\r" + progress(label, load));
            }
        }
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        if (label != null) {
            System.err.println(terminal ? "" : progress(label, load));
        }
        return load;
    }

    private static String progress(String label, Load load) {
        return String.format(Locale.ROOT, "  %s %5d requests, %5.1f%% ok", label, load.requests(), load.success() * 100);
    }

    private long totalInjections() throws IOException, InterruptedException {
        Matcher matcher = TOTAL.matcher(operator.run(List.of("rules")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private String breakerState() {
        try {
            String health = http.send(HttpRequest.newBuilder(store.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = Pattern.compile("\"circuitBreaker\":\"(\\w+)\"").matcher(health);
            return matcher.find() ? matcher.group(1) : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n| %-18s | %8s | %9s | %8s | %8s | %10s | %-15s | %-4s |%n",
                "phase", "requests", "success %", "p50 ms", "p99 ms", "injections", "circuit breaker", "ok"));
        out.append("|").append("-".repeat(20)).append("|").append("-".repeat(10)).append("|").append("-".repeat(11)).append("|")
                .append("-".repeat(10)).append("|").append("-".repeat(10)).append("|").append("-".repeat(12)).append("|")
                .append("-".repeat(17)).append("|").append("-".repeat(6)).append("|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %-18s | %8d | %9.1f | %8d | %8d | %10d | %-15s | %-4s |%n", row.phase(),
                    row.requests(), row.success() * 100, row.p50(), row.p99(), row.injections(), row.breaker(), row.holds() ? "yes" : "NO"));
        }
        return out.toString();
    }

    /** What one phase's requests did. */
    static final class Load {
        private final List<Long> millis = new ArrayList<>();
        private int successes;

        synchronized void record(long nanos, boolean ok) {
            millis.add(TimeUnit.NANOSECONDS.toMillis(nanos));
            if (ok) {
                successes++;
            }
        }

        synchronized int requests() {
            return millis.size();
        }

        synchronized double success() {
            return millis.isEmpty() ? 0 : (double) successes / millis.size();
        }

        synchronized long percentile(double p) {
            if (millis.isEmpty()) {
                return 0;
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GameDay STORE_URL STORE_PID AGENT_JAR [--phase-seconds N]");
            System.exit(USAGE);
        }
        List<String> options = Arrays.asList(args);
        int seconds = options.contains("--phase-seconds") ? Integer.parseInt(options.get(options.indexOf("--phase-seconds") + 1)) : 8;
        System.exit(new GameDay(URI.create(args[0]), new CliOperator(args[1], Path.of(args[2])), Duration.ofSeconds(seconds),
                Duration.ofSeconds(30), System.out).run());
    }
}
