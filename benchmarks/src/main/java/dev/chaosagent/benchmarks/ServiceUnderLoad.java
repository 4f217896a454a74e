package dev.chaosagent.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A real service with the agent left attached: the music store (examples module, its unprotected
 * path: an HTTP call to the catalog backend, then JDBC on H2) under {@link ClosedLoopLoad}, with no
 * agent, with the agent and no rule, with the agent and ten armed rules that do not fire on the
 * request path, and with Byteman and the same ten rules whose condition is false. Each scenario is a
 * store JVM of its own, started once; the scenarios take turns, a period of load each, round after
 * round (1 2 3 4 1 2 3 4 ...), warm-up rounds first, so that whatever else the machine does drifts
 * over all of them alike, and each figure is the median over the measured rounds of a scenario
 * against the no-agent period of the same round. The catalog backend is one JVM without an agent, shared by all. At the
 * end the armed rules are checked to be bound on the request path: chaos-agent's {@code rules PID}
 * shows calls counted for each rule, Byteman's listener lists the methods each rule was injected into.
 *
 * <p>Run alone, from the repository root after a build: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.chaosagent.benchmarks.ServiceUnderLoad} ({@code -Dbench.quick=true} for a smoke run).
 */
public final class ServiceUnderLoad {

    /** Written by the examples module's build: its runtime class path, as {@code examples/game-day.sh} runs the store. */
    static final Path EXAMPLES_CLASSPATH = Path.of("examples", "target", "classpath.txt");
    private static final Path EXAMPLES_CLASSES = Path.of("examples", "target", "classes");
    private static final String STORE = "dev.chaosagent.examples.musicstore.";
    private static final int CLIENTS = 4;
    /** Unrecorded requests at the start of each period: new connections, a store that sat idle meanwhile. */
    private static final long LEAD_IN_MILLIS = 500;

    /**
     * The ten methods of the request path the rules are on: the store's service methods, the
     * repository's, the JSON, the HTTP client call (the store's and the JDK client's {@code send}),
     * and the JDBC statements' executions (H2's {@code PreparedStatement}).
     */
    private static final List<Method> METHODS = List.of(
            new Method("store-album", STORE + "UnprotectedMusicStore", "album", false, false),
            new Method("store-search", STORE + "UnprotectedMusicStore", "search", false, false),
            new Method("catalog-fetch", STORE + "CatalogClient", "fetchAlbum", false, false),
            new Method("http-send", "java.net.http.HttpClient", "send", true, false),
            new Method("repository-save", STORE + "AlbumRepository", "saveIdempotently", false, false),
            new Method("repository-search", STORE + "AlbumRepository", "search", false, false),
            new Method("statement-update", "java.sql.PreparedStatement", "executeUpdate", true, true),
            new Method("statement-query", "java.sql.PreparedStatement", "executeQuery", true, true),
            new Method("album-json", STORE + "Album", "toJson", false, false),
            new Method("albums-json", STORE + "StoreJson", "albums", false, false));

    /** One method, as a chaos-agent target and as a Byteman rule's CLASS or INTERFACE and METHOD. */
    private record Method(String rule, String type, String name, boolean subtypes, boolean isInterface) {

        /** Armed, and injects nothing: a latency of 0 ms on one call in 10,000. */
        String planEntry() {
            return "  - {name: " + rule + ", target: \"" + type + (subtypes ? "+" : "") + "#" + name + "\", latency: 0ms, probability: 0.0001}\n";
        }

        String bytemanRule() {
            return "RULE " + rule + "\n" + (isInterface ? "INTERFACE " : "CLASS ") + (subtypes ? "^" : "") + type + "\nMETHOD " + name
                    + "\nAT ENTRY\nIF false\nDO NOTHING\nENDRULE\n";
        }
    }

    private enum BindingCheck { NONE, AGENT_RULES_CALLED, BYTEMAN_RULES_INJECTED }

    /** A way to run the store: its JVM options (given a free port, for Byteman's listener) and what proves its rules bound. */
    private record Scenario(String name, IntFunction<List<String>> options, BindingCheck check) {
    }

    /** How many of the ten rules were found bound on the request path, and what showed it. */
    private record Binding(int rules, String evidence) {
        static final Binding NOT_CHECKED = new Binding(0, "");
    }

    private final Path agentJar;
    private final int warmUpRounds;
    private final int rounds;
    private final long periodMillis;

    private ServiceUnderLoad(Path agentJar, boolean quick) {
        this.agentJar = agentJar;
        this.warmUpRounds = quick ? 1 : 4;
        this.rounds = quick ? 3 : 15;
        this.periodMillis = quick ? 1_000 : 2_000;
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(System.getProperty("chaos.agent.jar", "chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
        Path bytemanJar = Path.of(System.getProperty("byteman.jar", "benchmarks/target/byteman.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("chaos-service-bench");
        List<Figure> figures = measure(agentJar, bytemanJar, work, Boolean.getBoolean("bench.quick"));
        System.out.println("| figure | value | target | met |\n|---|---|---|---|");
        figures.forEach(figure -> System.out.println(figure.row()));
        RunBenchmarks.deleteTree(work);
    }

    static List<Figure> measure(Path agentJar, Path bytemanJar, Path work, boolean quick) throws Exception {
        return new ServiceUnderLoad(agentJar, quick).measure(bytemanJar, work);
    }

    private List<Figure> measure(Path bytemanJar, Path work) throws Exception {
        String classpath = EXAMPLES_CLASSES.toAbsolutePath() + File.pathSeparator + Files.readString(EXAMPLES_CLASSPATH).trim();
        Path empty = Files.writeString(work.resolve("service-empty.yaml"), "rules: []\n");
        StringBuilder plan = new StringBuilder("rules:\n");
        StringBuilder script = new StringBuilder();
        for (Method method : METHODS) {
            plan.append(method.planEntry());
            script.append(method.bytemanRule());
        }
        Path armed = Files.writeString(work.resolve("service-rules.yaml"), plan);
        Path rules = Files.writeString(work.resolve("service-rules.btm"), script);
        List<Scenario> scenarios = List.of(
                new Scenario("no agent", port -> List.of(), BindingCheck.NONE),
                new Scenario("the agent, no rule", port -> List.of("-javaagent:" + agentJar + "=config=" + empty), BindingCheck.NONE),
                new Scenario("the agent, 10 armed rules", port -> List.of("-javaagent:" + agentJar + "=config=" + armed),
                        BindingCheck.AGENT_RULES_CALLED),
                // JDK classes (the HTTP client) need Byteman on the boot class path and transform.all.
                new Scenario("Byteman, the same 10 rules", port -> List.of("-javaagent:" + bytemanJar + "=script:" + rules + ",boot:" + bytemanJar
                        + ",listener:true,address:127.0.0.1,port:" + port, "-Dorg.jboss.byteman.transform.all=true"),
                        BindingCheck.BYTEMAN_RULES_INJECTED));
        ClosedLoopLoad.Result[][] runs = new ClosedLoopLoad.Result[scenarios.size()][rounds];
        Binding[] bound = new Binding[scenarios.size()];
        List<ForkedProcess> stores = new ArrayList<>();
        try (ForkedProcess backend = new ForkedProcess(ForkedProcess.java("-cp", classpath, STORE + "CatalogBackendServer", "0"))) {
            String backendUrl = "http://127.0.0.1:" + portOf(backend.await("catalog backend listening"));
            int[] ports = new int[scenarios.size()];
            int[] controlPorts = new int[scenarios.size()];
            for (int s = 0; s < scenarios.size(); s++) {
                controlPorts[s] = freePort();
                List<String> command = ForkedProcess.java();
                command.addAll(scenarios.get(s).options().apply(controlPorts[s]));
                command.addAll(List.of("-cp", classpath, STORE + "MusicStoreServer", "0", backendUrl, "--unprotected"));
                ForkedProcess store = new ForkedProcess(command);
                stores.add(store);
                ports[s] = portOf(store.await("music store"));
                ClosedLoopLoad.prime(ports[s]);
            }
            // The warm-up takes turns too, so that no store compiles its hot paths on a quieter or busier machine than the others.
            for (int round = -warmUpRounds; round < rounds; round++) {
                for (int s = 0; s < scenarios.size(); s++) {
                    ClosedLoopLoad.Result load = ClosedLoopLoad.run(ports[s], CLIENTS, LEAD_IN_MILLIS, periodMillis, cpu(stores.get(s)));
                    if (round >= 0) {
                        runs[s][round] = load;
                    }
                    System.out.printf(Locale.ROOT, "benchmarks: service %s, %s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms,"
                            + " store CPU %.0f us a request%n", round < 0 ? "warm-up" : "round " + (round + 1) + "/" + rounds,
                            scenarios.get(s).name(), load.perSecond(), load.p50Millis(), load.p99Millis(), load.cpuMicrosPerRequest());
                }
            }
            for (int s = 0; s < scenarios.size(); s++) {
                bound[s] = switch (scenarios.get(s).check()) {
                    case NONE -> Binding.NOT_CHECKED;
                    case AGENT_RULES_CALLED -> rulesCalled(stores.get(s).pid());
                    case BYTEMAN_RULES_INJECTED -> rulesInjected(controlPorts[s]);
                };
            }
        } finally {
            stores.forEach(ForkedProcess::close);
        }
        return figures(scenarios, runs, bound);
    }

    /** The CPU time the store's process has used so far (Linux counts it in 10 ms ticks: 0.2% of a 5 s period on 1 core). */
    private static LongSupplier cpu(ForkedProcess store) {
        ProcessHandle process = ProcessHandle.of(store.pid()).orElseThrow();
        return () -> process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** How many of the ten rules have calls counted, from the table {@code java -jar chaos-agent.jar rules PID} prints. */
    private Binding rulesCalled(long pid) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(ForkedProcess.java("-jar", agentJar.toString(), "rules", Long.toString(pid)))
                .redirectErrorStream(true).start();
        List<String> table;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            table = out.lines().toList();
        }
        if (cli.waitFor() != 0) {
            throw new IllegalStateException("chaos-agent rules " + pid + " failed: " + String.join("\n", table));
        }
        int called = 0;
        long calls = 0;
        long injections = 0;
        for (String line : table) {
            String[] columns = line.trim().split("\\s+"); // NAME STATE CALLS INJECTIONS TTL RULE
            if (columns.length > 3 && METHODS.stream().anyMatch(method -> method.rule().equals(columns[0]))
                    && columns[2].matches("[0-9]+") && Long.parseLong(columns[2]) > 0) {
                called++;
                calls += Long.parseLong(columns[2]);
                injections += Long.parseLong(columns[3]);
            }
        }
        return new Binding(called, String.format(Locale.ROOT, "%,d calls counted, %d of them injected with 0 ms", calls, injections));
    }

    /**
     * How many of the ten rules Byteman injected into a method, from its listener's {@code LIST}: each
     * rule's text, then a {@code Transformed in:} block naming each trigger method, then {@code OK}.
     */
    private static Binding rulesInjected(int controlPort) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), controlPort);
             PrintWriter request = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            request.println("LIST");
            Set<String> injected = new HashSet<>();
            int methods = 0;
            String rule = null;
            for (String line = answer.readLine(); line != null && !line.equals("OK"); line = answer.readLine()) {
                if (line.startsWith("RULE ")) {
                    rule = line.substring(5).trim();
                } else if (rule != null && line.startsWith("trigger method:")) {
                    injected.add(rule);
                    methods++;
                }
            }
            return new Binding(injected.size(), "in " + methods + " methods");
        }
    }

    private List<Figure> figures(List<Scenario> scenarios, ClosedLoopLoad.Result[][] runs, Binding[] bound) {
        String setting = String.format(Locale.ROOT, "%d clients, median of %d rounds", CLIENTS, rounds);
        double[] baseline = values(runs[0], ClosedLoopLoad.Result::perSecond);
        double[] baselineP99 = values(runs[0], ClosedLoopLoad.Result::p99Millis);
        double[] baselineCpu = values(runs[0], ClosedLoopLoad.Result::cpuMicrosPerRequest);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("service under load, no agent: throughput (" + setting + ", rounds " + range(baseline, "%.0f") + ")",
                median(baseline), "req/s", "baseline", true));
        figures.add(new Figure("service under load, no agent: p99 (p50 " + format(median(values(runs[0], ClosedLoopLoad.Result::p50Millis)))
                + " ms, rounds " + range(baselineP99, "%.2f") + ")", median(baselineP99), "ms", "baseline", true));
        figures.add(new Figure("service under load, no agent: the store's CPU time a request (rounds " + range(baselineCpu, "%.0f") + ")",
                median(baselineCpu), "us", "baseline", true));
        for (int s = 1; s < scenarios.size(); s++) {
            Scenario scenario = scenarios.get(s);
            double[] kept = new double[rounds];
            double[] added = new double[rounds];
            double[] cpuAdded = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                kept[round] = baseline[round] > 0 ? 100 * runs[s][round].perSecond() / baseline[round] : 100; // no figure to compare with
                added[round] = runs[s][round].p99Millis() - baselineP99[round];
                cpuAdded[round] = 100 * (runs[s][round].cpuMicrosPerRequest() / baselineCpu[round] - 1);
            }
            boolean armed = scenario.check() == BindingCheck.AGENT_RULES_CALLED;
            boolean peer = scenario.check() == BindingCheck.BYTEMAN_RULES_INJECTED;
            figures.add(new Figure("service under load, " + scenario.name() + ": throughput kept ("
                    + String.format(Locale.ROOT, "%.0f", median(values(runs[s], ClosedLoopLoad.Result::perSecond))) + " req/s; rounds "
                    + range(kept, "%.1f") + " %)", median(kept), "%", armed ? ">= 98 %" : peer ? "peer" : "measured", !armed || median(kept) >= 98));
            figures.add(new Figure("service under load, " + scenario.name() + ": p99 added (p99 "
                    + format(median(values(runs[s], ClosedLoopLoad.Result::p99Millis))) + " ms; rounds " + range(added, "%.2f") + " ms)",
                    median(added), "ms", armed ? "< 1 ms" : peer ? "peer" : "measured", !armed || median(added) < 1));
            figures.add(new Figure("service under load, " + scenario.name() + ": the store's CPU time a request, added ("
                    + String.format(Locale.ROOT, "%.0f", median(values(runs[s], ClosedLoopLoad.Result::cpuMicrosPerRequest))) + " us; rounds "
                    + range(cpuAdded, "%.1f") + " %)", median(cpuAdded), "%", peer ? "peer" : "measured", true));
            if (scenario.check() != BindingCheck.NONE) {
                figures.add(new Figure("service under load, " + scenario.name() + ": rules bound on the request path ("
                        + (armed ? "rules PID: " : "Byteman's listener: injected ") + bound[s].evidence() + ")", bound[s].rules(), "rules",
                        "10 of 10", bound[s].rules() == METHODS.size()));
            }
        }
        int errors = Arrays.stream(runs).flatMap(Arrays::stream).mapToInt(ClosedLoopLoad.Result::errors).sum();
        figures.add(new Figure("service under load: answers other than 200, all runs", errors, "answers", "0", errors == 0));
        return figures;
    }

    private static double[] values(ClosedLoopLoad.Result[] runs, ToDoubleFunction<ClosedLoopLoad.Result> figure) {
        return Arrays.stream(runs).mapToDouble(figure).toArray();
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The spread of the rounds, {@code min..max}. */
    private static String range(double[] values, String format) {
        double min = Arrays.stream(values).min().orElse(Double.NaN);
        double max = Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + ".." + format, min, max);
    }

    /** The port at the end of a line like {@code ... listening on 127.0.0.1:PORT}. */
    private static int portOf(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    // Byteman's listener (the binding check's LIST) takes a port of its choosing and cannot report one
    // the system gave it, so only Byteman's scenario is handed a port picked here.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
