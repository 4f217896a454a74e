package dev.chaosagent.examples.musicstore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The scripted game day (run by {@code examples/game-day.sh}): warms the store up, then hands the
 * day to chaos-agent: it installs the experiment plan ({@code examples/game-day.yaml}) that the
 * store's agent runs, phases, steady-state gate, abort and verdict included, and drives load until
 * the journal says the experiment ended. It prints one table, a row per phase of the agent's, with
 * what the clients saw, and exits with {@link #HELD} (the hypothesis held until the abort demo, where
 * the agent stopped the chaos), {@link #FAILED} (the agent aborted, or the hypothesis broke, before
 * it) or {@link #NOT_STEADY} (the store was not steady: no fault was injected).
 *
 * <p>Arguments: {@code STORE_URL STORE_PID AGENT_JAR PLAN EXPERIMENT JOURNAL [--phase-seconds N]}.
 */
public final class GameDay {

    static final int HELD = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_STEADY = 3;
    static final double MIN_SUCCESS = 0.99;
    static final long MAX_P99_MILLIS = 500;
    static final int ALBUMS = 50;
    /** The phase of the plan that breaks the hypothesis on purpose, to show the agent's abort. */
    static final String ABORT_DEMO = "abort-demo";
    private static final Pattern FIELD = Pattern.compile("\"(event|phase|time|verdict|reason|injections)\":\"?([^\",}]*)");
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration EXPERIMENT_LIMIT = Duration.ofMinutes(15);
    private static final int CLIENTS = 4;
    private static final Duration PACE = Duration.ofMillis(10);

    /** Whoever asks the agent how the experiment stands: a CLI command in, its answer out. */
    interface Operator {
        String run(List<String> command) throws IOException, InterruptedException;
    }

    /** Where the day's experiment comes from and where its story goes. */
    record Experiment(Path plan, String yaml, Path journal) {
    }

    record Row(String phase, int requests, double success, long p50, long p99, long injections, String breaker, String agent) {
        boolean holds() {
            return GameDay.holds(success, p99);
        }
    }

    private final URI store;
    private final Operator operator;
    private final Experiment experiment;
    private final Duration warmUpLimit;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param out where the table and the verdict go; progress goes to stderr */
    GameDay(URI store, Operator operator, Experiment experiment, Duration warmUpLimit, PrintStream out) {
        this.store = store;
        this.operator = operator;
        this.experiment = experiment;
        this.warmUpLimit = warmUpLimit;
        this.out = out;
    }

    static boolean holds(double success, long p99) {
        return success >= MIN_SUCCESS && p99 < MAX_P99_MILLIS;
    }

    int run() throws Exception {
        if (!warmUp()) {
            out.println("the store is NOT steady after the warm-up (the hypothesis: success >= 99%, p99 < 500 ms), so no experiment"
                    + " was started and no fault was injected: a game day starts from a system that works. Look at the store's log and"
                    + " at what else loads the machine, then run it again.");
            return NOT_STEADY;
        }
        long journalStart = Files.exists(experiment.journal()) ? Files.size(experiment.journal()) : 0;
        Path next = experiment.plan().resolveSibling(experiment.plan().getFileName() + ".next");
        Files.writeString(next, experiment.yaml());
        Files.move(next, experiment.plan(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("  experiment plan installed: " + experiment.plan() + "; the agent runs the phases");
        Day day = new Day();
        day.follow(journalStart);
        out.print(table(day.rows));
        operator.run(List.of("experiment"));
        return verdict(day);
    }

    private int verdict(Day day) {
        switch (day.verdict) {
            case "not-steady" -> {
                out.println("steady state does NOT hold in the agent's steady phase: nothing was injected (verdict not-steady)");
                return NOT_STEADY;
            }
            case "aborted" -> {
                if (ABORT_DEMO.equals(day.abortedIn)) {
                    out.println("steady-state hypothesis held in every phase until the abort demo, where the agent aborted ("
                            + day.abortReason + ") and stopped every rule: " + day.abortFigure());
                    return HELD;
                }
                out.println("the agent ABORTED the experiment in phase " + day.abortedIn + " (" + day.abortReason + "): "
                        + day.abortFigure());
                return FAILED;
            }
            default -> {
                out.println("the experiment ended with verdict " + day.verdict + ": the abort demo (" + ABORT_DEMO + ") did not abort");
                return FAILED;
            }
        }
    }

    /** The experiment as the agent tells it in its journal, and the clients' requests, phase by phase. */
    private final class Day {
        final List<Row> rows = new ArrayList<>();
        final Map<String, Load> loads = new ConcurrentHashMap<>();
        volatile String phase = "(starting)";
        String verdict = "unknown";
        String abortedIn;
        String abortReason;
        Instant broken;
        Instant breach;

        void follow(long offset) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = startClients(stop, () -> loads.computeIfAbsent(phase, p -> new Load()));
            long deadline = System.nanoTime() + EXPERIMENT_LIMIT.toNanos();
            StringBuilder partial = new StringBuilder();
            try {
                while (verdict.equals("unknown") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    if (!Files.exists(experiment.journal())) {
                        continue; // the agent writes its first line when the experiment starts
                    }
                    try (java.io.RandomAccessFile journal = new java.io.RandomAccessFile(experiment.journal().toFile(), "r")) {
                        journal.seek(offset);
                        byte[] bytes = new byte[(int) (journal.length() - offset)];
                        journal.readFully(bytes);
                        offset += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                    for (int newline; (newline = partial.indexOf("\n")) >= 0; partial.delete(0, newline + 1)) {
                        onLine(partial.substring(0, newline));
                    }
                }
            } finally {
                stop.set(true);
                clients.shutdown();
                clients.awaitTermination(10, TimeUnit.SECONDS);
            }
        }

        private void onLine(String line) {
            Map<String, String> fields = new HashMap<>();
            Matcher field = FIELD.matcher(line);
            while (field.find()) {
                fields.putIfAbsent(field.group(1), field.group(2));
            }
            String event = fields.getOrDefault("event", "");
            switch (event) {
                case "phase-started" -> {
                    phase = fields.get("phase");
                    System.err.println("  agent: phase " + phase + " started");
                }
                case "phase-ended" -> {
                    Load load = loads.getOrDefault(fields.get("phase"), new Load());
                    String agent = fields.get("phase").equals(abortedIn) ? "aborted (" + abortReason + ")" : "-";
                    rows.add(new Row(fields.get("phase"), load.requests(), load.success(), load.percentile(50), load.percentile(99),
                            Long.parseLong(fields.getOrDefault("injections", "0")), breakerState(), agent));
                    System.err.println(progress("phase " + fields.get("phase"), load));
                }
                case "hypothesis-broken" -> broken = Instant.parse(fields.get("time"));
                case "aborted" -> {
                    abortedIn = phase;
                    abortReason = fields.get("reason");
                    breach = broken != null ? broken : Instant.parse(fields.get("time"));
                    System.err.println("  agent: ABORTED in phase " + phase + " (" + abortReason + ")");
                }
                case "experiment-ended" -> verdict = fields.get("verdict");
                default -> {
                    // observed samples and rule events: the table needs none of them
                }
            }
        }

        /** What the clients saw of the abort: their last failed request after the breach. */
        String abortFigure() {
            Load load = loads.get(abortedIn);
            Instant last = load == null ? null : load.lastFailure();
            if (last == null || last.isBefore(breach)) {
                return "no client saw a failure after the breach";
            }
            return String.format(Locale.ROOT, "the clients' last failed request ended %.1f ms after the breach (its response's way back"
                    + " included)", Duration.between(breach, last).toNanos() / 1e6);
        }
    }

    /**
     * Brings the three JVMs to the state the day measures: every album once (the store's cache and
     * its connections to the catalog), then load in one-second windows until two in a row meet the
     * hypothesis, or the limit passes. Cold JVMs on a busy machine answer their first seconds far
     * slower than the rest of the day; measured cold, the steady state fails with no fault in it.
     */
    private boolean warmUp() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + warmUpLimit.toNanos();
        for (int id = 1; id <= ALBUMS && System.nanoTime() < deadline; id++) {
            get(id);
        }
        int steadyWindows = 0;
        int windows = 0;
        while (steadyWindows < 2 && System.nanoTime() < deadline) {
            Load window = drive(WINDOW);
            windows++;
            steadyWindows = holds(window.success(), window.percentile(99)) ? steadyWindows + 1 : 0;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.err.println(steadyWindows == 2
                ? String.format(Locale.ROOT, "  warm-up: every album once, then %d one-second windows of load; steady after %d s", windows, seconds)
                : String.format(Locale.ROOT, "  warm-up: not steady after %d s", seconds));
        return steadyWindows == 2;
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

    /** Load for a while, to no phase: the warm-up's one-second windows. */
    private Load drive(Duration length) throws InterruptedException {
        Load load = new Load();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = startClients(stop, () -> load);
        Thread.sleep(length.toMillis());
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        return load;
    }

    /**
     * {@link #CLIENTS} clients, each sending its next request when the last one is answered but no
     * sooner than {@link #PACE} after it started, each request recorded in the load {@code target}
     * gives when it starts. Paced, the load measures how the store answers; flat out, on a machine
     * with few cores, it would measure how the load generator competes with the store for them.
     */
    private ExecutorService startClients(AtomicBoolean stop, java.util.function.Supplier<Load> target) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    int album = ThreadLocalRandom.current().nextInt(1, ALBUMS + 1);
                    Load load = target.get();
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
        return clients;
    }

    private static String progress(String label, Load load) {
        return String.format(Locale.ROOT, "  %s %5d requests, %5.1f%% ok", label, load.requests(), load.success() * 100);
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
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n| %-18s | %8s | %9s | %8s | %8s | %10s | %-15s | %-4s | %-22s |%n",
                "phase", "requests", "success %", "p50 ms", "p99 ms", "injections", "circuit breaker", "ok", "agent"));
        out.append("|").append("-".repeat(20)).append("|").append("-".repeat(10)).append("|").append("-".repeat(11)).append("|")
                .append("-".repeat(10)).append("|").append("-".repeat(10)).append("|").append("-".repeat(12)).append("|")
                .append("-".repeat(17)).append("|").append("-".repeat(6)).append("|").append("-".repeat(24)).append("|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %-18s | %8d | %9.1f | %8d | %8d | %10d | %-15s | %-4s | %-22s |%n", row.phase(),
                    row.requests(), row.success() * 100, row.p50(), row.p99(), row.injections(), row.breaker(), row.holds() ? "yes" : "NO",
                    row.agent()));
        }
        return out.toString();
    }

    /** What one phase's requests did. */
    static final class Load {
        private final List<Long> millis = new ArrayList<>();
        private int successes;
        private Instant lastFailure;

        synchronized void record(long nanos, boolean ok) {
            millis.add(TimeUnit.NANOSECONDS.toMillis(nanos));
            if (ok) {
                successes++;
            } else {
                lastFailure = Instant.now();
            }
        }

        /** When the last failed request ended, or null. */
        synchronized Instant lastFailure() {
            return lastFailure;
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
        if (args.length < 6) {
            System.err.println("usage: GameDay STORE_URL STORE_PID AGENT_JAR PLAN EXPERIMENT JOURNAL [--phase-seconds N]");
            System.exit(USAGE);
        }
        List<String> options = Arrays.asList(args);
        int seconds = options.contains("--phase-seconds") ? Integer.parseInt(options.get(options.indexOf("--phase-seconds") + 1)) : 8;
        String yaml = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8).replace("duration: 8s", "duration: " + seconds + "s");
        System.exit(new GameDay(URI.create(args[0]), new CliOperator(args[1], Path.of(args[2])),
                new Experiment(Path.of(args[3]), yaml, Path.of(args[5])), Duration.ofSeconds(30), System.out).run());
    }
}
