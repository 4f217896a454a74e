package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CallCostBenchmark} once per scenario, each in a JVM of its own (with or without the
 * agent, with the plan that makes the scenario), prints one table and writes
 * {@code benchmarks/results/latest.json} so that a later run can be compared with this one.
 *
 * Then measures latency fidelity ({@link LatencyFidelity}), start-up ({@link StartupTime}), live
 * change ({@link LiveChange}), exit ({@link ExitTime}), a service under load ({@link ServiceUnderLoad})
 * and what chaos-junit adds to a test suite ({@link JUnitSuiteCost}), and compares with Byteman.
 *
 * <p>Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar}
 * ({@code -Dchaos.agent.jar=...} to point at another agent jar, {@code -Dbench.quick=true} for a
 * short smoke run).
 */
public final class RunBenchmarks {

    private static final String TARGET = "com.example.bench.Target#compute";
    private static final String ASYNC_TARGET = "com.example.bench.Target#computeAsync";

    /**
     * A way to run the JVM under test: with chaos-agent and a plan, with Byteman and a script, or
     * with neither (both null). chaos-agent's faults are {@code latency=0ms} and Byteman's action is
     * {@code NOTHING}, so that a scenario measures the tool's own cost and nothing it injects.
     */
    record Scenario(String name, String plan, String byteman, boolean compiled, int threads, String goal, String benchmark) {
        static Scenario chaos(String name, String plan, int threads, String goal) {
            return new Scenario(name, plan, null, false, threads, goal, "call");
        }

        /** A scenario of {@link CallCostBenchmark#callAsync}, a method returning a {@code CompletableFuture}. */
        static Scenario async(String name, String plan, String goal) {
            return new Scenario(name, plan, null, false, 1, goal, "callAsync");
        }

        static Scenario byteman(String name, String script, boolean compiled, int threads) {
            return new Scenario(name, null, script, compiled, threads, "peer", "call");
        }

        /** A scenario of {@link CallCostBenchmark#statement}: one JDBC statement, as the jdbc preset sees it. */
        static Scenario statement(String name, String plan, String goal) {
            return new Scenario(name, plan, null, false, 1, goal, "statement");
        }
    }

    private static final String ARMED = rules("target: " + TARGET + "\n    latency: 0ms\n    probability: 0.0001");
    private static final String BYTEMAN_FALSE = byteman("IF $1 < 0\nDO throw new RuntimeException(\"never\")");
    private static final String BYTEMAN_FIRING = byteman("IF true\nDO NOTHING");

    static final List<Scenario> SCENARIOS = List.of(
            Scenario.chaos("no agent", null, 1, "baseline"),
            Scenario.chaos("agent, no rule on the class", rules("target: com.example.bench.Untargeted#other\n    latency: 0ms"), 1,
                    "= baseline (within error)"),
            Scenario.chaos("rule on the method, disabled", rules("target: " + TARGET + "\n    latency: 0ms\n    enabled: false"), 1,
                    "<= baseline + 1 ns"),
            Scenario.chaos("master switch off", "enabled: false\n" + rules("target: " + TARGET + "\n    latency: 0ms"), 1,
                    "<= baseline + 1 ns"),
            Scenario.chaos("armed, not firing (p=0.0001)", ARMED, 1, "<= baseline + 5 ns, 0 B/op"),
            Scenario.chaos("armed, not firing, 2 threads", ARMED, 2, "<= 1.5 x the 1-thread figure"),
            Scenario.chaos("firing every call (latency=0ms)", rules("target: " + TARGET + "\n    latency: 0ms"), 1, "measured"),
            Scenario.chaos("armed, thread scope not matching", rules("target: " + TARGET + "\n    latency: 0ms\n    thread: \"worker-*\""), 1,
                    "<= baseline + 15 ns, 0 B/op"),
            Scenario.chaos("armed, arg0 scope not matching", rules("target: " + TARGET + "\n    latency: 0ms\n    arg0: \"-1\""), 1,
                    "<= baseline + 20 ns, 0 B/op"),
            Scenario.chaos("armed, mdc scope not matching", rules("target: " + TARGET + "\n    latency: 0ms\n    mdc.tenant: acme"), 1,
                    "<= baseline + 15 ns"),
            Scenario.chaos("armed, caller scope not matching", rules("target: " + TARGET + "\n    latency: 0ms\n    caller: \"com.acme.*#submit\""), 1,
                    "measured (walks the stack)"),
            Scenario.statement("statement, no agent", null, "baseline of the statement rows"),
            Scenario.statement("statement, target rule not firing (p=0.0001)",
                    rules("target: com.example.bench.BenchStatement#executeQuery\n    latency: 0ms\n    probability: 0.0001"),
                    "<= statement baseline + 7 ns, 0 B/op"),
            Scenario.statement("statement, jdbc preset, sql.table not matching",
                    rules("preset: jdbc\n    sql.table: orders\n    latency: 0ms"), "<= target rule row + 15 ns, 0 B/op"),
            Scenario.async("async method, no agent", null, "baseline"),
            Scenario.async("async method, armed, not firing (p=0.0001)",
                    rules("target: " + ASYNC_TARGET + "\n    latency: 1ms\n    probability: 0.0001"), "<= the synchronous armed figure + 2 ns"),
            Scenario.async("async method, firing every call (latency=1ms)", rules("target: " + ASYNC_TARGET + "\n    latency: 1ms"),
                    "measured: one scheduled task a call, no thread"),
            Scenario.byteman("Byteman, condition false", BYTEMAN_FALSE, false, 1),
            Scenario.byteman("Byteman, condition false, compiled", BYTEMAN_FALSE, true, 1),
            Scenario.byteman("Byteman, condition false, compiled, 2 threads", BYTEMAN_FALSE, true, 2),
            Scenario.byteman("Byteman, firing (DO NOTHING), compiled", BYTEMAN_FIRING, true, 1));

    private RunBenchmarks() {
    }

    private static String byteman(String conditionAndAction) {
        return "RULE chaos-agent-benchmark\nCLASS com.example.bench.Target\nMETHOD compute(int)\nAT ENTRY\n" + conditionAndAction + "\nENDRULE\n";
    }

    private static String rules(String body) {
        return "rules:\n  - name: bench\n    " + body + "\n";
    }

    public static void main(String[] args) throws Throwable {
        Path agentJar = Path.of(System.getProperty("chaos.agent.jar", "chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
        Path bytemanJar = Path.of(System.getProperty("byteman.jar", "benchmarks/target/byteman.jar")).toAbsolutePath();
        for (Path built : List.of(agentJar, bytemanJar, ServiceUnderLoad.EXAMPLES_CLASSPATH.toAbsolutePath())) {
            if (!Files.exists(built)) {
                System.err.println("benchmarks: no " + built + " (build first, from the repository root: mvn -B -DskipTests package)");
                System.exit(2);
            }
        }
        boolean quick = Boolean.getBoolean("bench.quick");
        Path plans = Files.createTempDirectory("chaos-bench");
        List<String[]> rows = new ArrayList<>();
        Map<String, Double> scores = new java.util.LinkedHashMap<>();
        Map<String, Double> allocations = new java.util.LinkedHashMap<>();
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"CallCostBenchmark\",\n  \"unit\": \"ns/op\",\n")
                .append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n")
                .append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n  \"scenarios\": [\n");
        for (int i = 0; i < SCENARIOS.size(); i++) {
            Scenario scenario = SCENARIOS.get(i);
            System.out.println("benchmarks: [" + (i + 1) + "/" + SCENARIOS.size() + "] " + scenario.name());
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(CallCostBenchmark.class.getName() + "\\." + scenario.benchmark() + "$")
                    .forks(1)
                    .threads(scenario.threads())
                    .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(1))
                    .addProfiler(GCProfiler.class)
                    .shouldDoGC(true)
                    .shouldFailOnError(true);
            if (scenario.plan() != null) {
                Path plan = plans.resolve("scenario-" + i + ".yaml");
                Files.writeString(plan, scenario.plan());
                options.jvmArgsAppend("-javaagent:" + agentJar + "=config=" + plan + ",jmx=false,log=warn",
                        "-D" + CallCostBenchmark.EXPECTS_AGENT + "=true");
            } else if (scenario.byteman() != null) {
                Path script = plans.resolve("scenario-" + i + ".btm");
                Files.writeString(script, scenario.byteman());
                options.jvmArgsAppend("-javaagent:" + bytemanJar + "=script:" + script,
                        "-Dorg.jboss.byteman.compile.to.bytecode=" + scenario.compiled());
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            RunResult result = results.iterator().next();
            Result<?> primary = result.getPrimaryResult();
            double allocated = allocationPerOp(result.getSecondaryResults());
            scores.put(scenario.name(), primary.getScore());
            allocations.put(scenario.name(), allocated);
            rows.add(new String[] {scenario.name(), Integer.toString(scenario.threads()), format(primary.getScore()),
                    format(primary.getScoreError()), format(allocated), scenario.goal()});
            json.append(String.format(Locale.ROOT,
                    "    {\"scenario\": \"%s\", \"benchmark\": \"%s\", \"threads\": %d, \"score\": %.3f, \"error\": %.3f, \"bytesPerOp\": %.3f, \"goal\": \"%s\"}%s%n",
                    scenario.name(), scenario.benchmark(), scenario.threads(), primary.getScore(), primary.getScoreError(), allocated, scenario.goal(),
                    i + 1 < SCENARIOS.size() ? "," : ""));
        }
        double bytemanBest = Math.min(scores.get("Byteman, condition false"), scores.get("Byteman, condition false, compiled"));
        double oneThread = bytemanBest / scores.get("armed, not firing (p=0.0001)");
        double twoThreads = scores.get("Byteman, condition false, compiled, 2 threads") / scores.get("armed, not firing, 2 threads");
        // Byteman's condition ($1 < 0) reads the argument, as chaos-agent's arg0 scope does.
        double argument = bytemanBest / scores.get("armed, arg0 scope not matching");
        String comparison = String.format(Locale.ROOT, "chaos-agent's armed path is %.1f x cheaper than Byteman's best armed-but-false"
                + " rule (target >= 10), %.1f x cheaper on 2 threads (target >= 10), and its arg0 scope %.1f x cheaper than"
                + " Byteman's argument condition (target >= 4)", oneThread, twoThreads, argument);
        json.append("  ],\n").append(String.format(Locale.ROOT,
                "  \"comparison\": {\"bytemanRatio1Thread\": %.2f, \"bytemanRatio2Threads\": %.2f, \"bytemanRatioArgument\": %.2f},%n",
                oneThread, twoThreads, argument));

        List<Figure> figures = new ArrayList<>();
        double armedAdded = scores.get("armed, not firing (p=0.0001)") - scores.get("no agent");
        figures.add(new Figure("per call: armed, not firing, over the no-agent baseline", armedAdded, "ns", "<= 5 ns", armedAdded <= 5));
        double armedBytes = allocations.get("armed, not firing (p=0.0001)");
        figures.add(new Figure("per call: armed, not firing, allocated", armedBytes, "B/op", "0 B/op", armedBytes < 0.01));
        figures.add(new Figure("per call: Byteman's best armed-but-false rule over chaos-agent's armed call", oneThread, "x", ">= 10 x",
                oneThread >= 10));
        System.out.println("benchmarks: latency fidelity");
        figures.addAll(LatencyFidelity.figures());
        System.out.println("benchmarks: start-up (5,000 classes, " + StartupTime.RUNS + " interleaved rounds)");
        figures.addAll(StartupTime.measure(agentJar, bytemanJar, plans));
        System.out.println("benchmarks: live change (1,000 and 10,000 classes)");
        figures.addAll(LiveChange.measure(agentJar, plans));
        System.out.println("benchmarks: JVM exit after main returns (9 interleaved rounds)");
        figures.addAll(ExitTime.measure(agentJar, plans));
        System.out.println("benchmarks: the music store under a closed-loop HTTP load (4 store JVMs, 15 interleaved rounds of 2 s)");
        figures.addAll(ServiceUnderLoad.measure(agentJar, bytemanJar, plans, quick));
        System.out.println("benchmarks: what chaos-junit adds to a test suite (7 interleaved rounds)");
        figures.addAll(JUnitSuiteCost.measure(agentJar));
        json.append("  \"figures\": [\n");
        for (int i = 0; i < figures.size(); i++) {
            json.append("    ").append(figures.get(i).json()).append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Path out = Path.of("benchmarks", "results", "latest.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println();
        System.out.print(table(rows));
        System.out.println(comparison);
        System.out.println();
        System.out.println("| figure | value | target | met |\n|---|---|---|---|");
        figures.forEach(figure -> System.out.println(figure.row()));
        System.out.println("benchmarks: results written to " + out.toAbsolutePath());
        deleteTree(plans);
    }

    /** The scratch directory holds thousands of generated classes: it goes when the run ends. */
    static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double allocationPerOp(Map<String, Result> secondary) {
        return secondary.entrySet().stream().filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String table(List<String[]> rows) {
        String[] header = {"scenario", "threads", "ns/op", "± error", "B/op", "target"};
        StringBuilder out = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        out.append("---|".repeat(header.length)).append('\n');
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
