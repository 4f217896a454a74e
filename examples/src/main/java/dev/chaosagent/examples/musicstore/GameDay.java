package dev.chaosagent.examples.musicstore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The scripted game day (run by {@code examples/game-day.sh}): drives load at the running music
 * store, changes the chaos through chaos-agent's CLI between phases, prints one table and exits
 * non-zero when the steady-state hypothesis (success at least 99%, p99 under 500 ms) fails in any
 * phase.
 *
 * <p>Arguments: {@code STORE_URL STORE_PID AGENT_JAR [--phase-seconds N]}.
 */
public final class GameDay {

    static final double MIN_SUCCESS = 0.99;
    static final long MAX_P99_MILLIS = 500;
    private static final String CATALOG = "dev.chaosagent.examples.musicstore.CatalogClient#fetchAlbum";
    private static final Pattern TOTAL = Pattern.compile("(\\d+) injections? in all");

    /** One phase: what the operator does at its start (CLI commands), then load. */
    record Phase(String name, List<List<String>> commands) {
    }

    record Row(String phase, int requests, double success, long p50, long p99, long injections, String breaker) {
        boolean holds() {
            return success >= MIN_SUCCESS && p99 < MAX_P99_MILLIS;
        }
    }

    private final URI store;
    private final String pid;
    private final Path agentJar;
    private final Duration phaseLength;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    GameDay(URI store, String pid, Path agentJar, Duration phaseLength) {
        this.store = store;
        this.pid = pid;
        this.agentJar = agentJar;
        this.phaseLength = phaseLength;
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
        List<Row> rows = new ArrayList<>();
        long injectionsBefore = totalInjections();
        List<Phase> phases = phases();
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            for (List<String> command : phase.commands()) {
                cli(command);
            }
            Load load = drive(phase.name(), i + 1, phases.size());
            long injections = totalInjections();
            rows.add(new Row(phase.name(), load.requests(), load.success(), load.percentile(50), load.percentile(99),
                    injections - injectionsBefore, breakerState()));
            injectionsBefore = injections;
        }
        System.out.print(table(rows));
        boolean holds = rows.stream().allMatch(Row::holds);
        System.out.println(holds
                ? "steady-state hypothesis held in every phase (success >= 99%, p99 < 500 ms)"
                : "steady-state hypothesis FAILED in: " + rows.stream().filter(r -> !r.holds()).map(Row::phase).toList());
        return holds ? 0 : 1;
    }

    /** Load for one phase: 4 clients in a closed loop, a progress line every second. */
    private Load drive(String phase, int number, int of) throws InterruptedException {
        Load load = new Load();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    String id = Integer.toString(ThreadLocalRandom.current().nextInt(1, 51));
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = http.send(HttpRequest.newBuilder(store.resolve("/albums/" + id)).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    load.record(System.nanoTime() - start, ok);
                }
            });
        }
        // On a terminal the progress line updates in place every second; in a log, one line per phase.
        boolean terminal = System.console() != null;
        long end = System.nanoTime() + phaseLength.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            if (terminal) {
                System.err.print("\r" + progress(phase, number, of, load));
            }
        }
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        System.err.println(terminal ? "" : progress(phase, number, of, load));
        return load;
    }

    private static String progress(String phase, int number, int of, Load load) {
        return String.format(Locale.ROOT, "  phase %d/%d %-20s %5d requests, %5.1f%% ok", number, of, phase, load.requests(),
                load.success() * 100);
    }

    private String cli(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", agentJar.toString(), command.get(0), pid));
        full.addAll(command.subList(1, command.size()));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("chaos-agent CLI failed: " + String.join(" ", command) + ": " + output);
        }
        if (!command.get(0).equals("rules")) {
            System.err.println("  $ java -jar chaos-agent.jar " + String.join(" ", command.subList(0, 1)) + " " + pid + " "
                    + String.join(" ", command.subList(1, command.size())) + "\n    " + output);
        }
        return output;
    }

    private long totalInjections() throws IOException, InterruptedException {
        Matcher matcher = TOTAL.matcher(cli(List.of("rules")));
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
            System.exit(2);
        }
        List<String> options = Arrays.asList(args);
        int seconds = options.contains("--phase-seconds") ? Integer.parseInt(options.get(options.indexOf("--phase-seconds") + 1)) : 8;
        System.exit(new GameDay(URI.create(args[0]), args[1], Path.of(args[2]), Duration.ofSeconds(seconds)).run());
    }
}
