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
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CallCostBenchmark} once per scenario, each in a JVM of its own (with or without the
 * agent, with the plan that makes the scenario), prints one table and writes
 * {@code benchmarks/results/latest.json} so that a later run can be compared with this one.
 *
 * <p>Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar}
 * ({@code -Dchaos.agent.jar=...} to point at another agent jar, {@code -Dbench.quick=true} for a
 * short smoke run).
 */
public final class RunBenchmarks {

    private static final String TARGET = "com.example.bench.Target#compute";

    /**
     * A way to run the JVM under test; {@code plan} null means no agent at all. Faults are
     * {@code latency=0ms}, so that a scenario measures the agent's decision and nothing it injects.
     */
    record Scenario(String name, String plan, int threads, String goal) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("no agent", null, 1, "baseline"),
            new Scenario("agent, no rule on the class", rules("target: com.example.bench.Untargeted#other\n    latency: 0ms"), 1,
                    "= baseline (within error)"),
            new Scenario("rule on the method, disabled", rules("target: " + TARGET + "\n    latency: 0ms\n    enabled: false"), 1,
                    "<= baseline + 1 ns"),
            new Scenario("master switch off", "enabled: false\n" + rules("target: " + TARGET + "\n    latency: 0ms"), 1,
                    "<= baseline + 1 ns"),
            new Scenario("armed, not firing (p=0.0001)", rules("target: " + TARGET + "\n    latency: 0ms\n    probability: 0.0001"), 1,
                    "<= baseline + 10 ns, 0 B/op"),
            new Scenario("armed, not firing, 2 threads", rules("target: " + TARGET + "\n    latency: 0ms\n    probability: 0.0001"), 2,
                    "<= 1.5 x the 1-thread figure"),
            new Scenario("firing every call (latency=0ms)", rules("target: " + TARGET + "\n    latency: 0ms"), 1, "measured"));

    private RunBenchmarks() {
    }

    private static String rules(String body) {
        return "rules:\n  - name: bench\n    " + body + "\n";
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path agentJar = Path.of(System.getProperty("chaos.agent.jar", "chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
        if (!Files.exists(agentJar)) {
            System.err.println("benchmarks: no agent jar at " + agentJar + " (build it first: mvn -B -DskipTests package)");
            System.exit(2);
        }
        boolean quick = Boolean.getBoolean("bench.quick");
        Path plans = Files.createTempDirectory("chaos-bench");
        List<String[]> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"CallCostBenchmark.call\",\n  \"unit\": \"ns/op\",\n")
                .append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n")
                .append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n  \"scenarios\": [\n");
        for (int i = 0; i < SCENARIOS.size(); i++) {
            Scenario scenario = SCENARIOS.get(i);
            System.out.println("benchmarks: [" + (i + 1) + "/" + SCENARIOS.size() + "] " + scenario.name());
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(CallCostBenchmark.class.getName() + ".call")
                    .forks(1)
                    .threads(scenario.threads())
                    .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(1))
                    .addProfiler(GCProfiler.class)
                    .shouldDoGC(true);
            if (scenario.plan() != null) {
                Path plan = plans.resolve("scenario-" + i + ".yaml");
                Files.writeString(plan, scenario.plan());
                options.jvmArgsAppend("-javaagent:" + agentJar + "=config=" + plan + ",jmx=false,log=warn");
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            RunResult result = results.iterator().next();
            Result<?> primary = result.getPrimaryResult();
            double allocated = allocationPerOp(result.getSecondaryResults());
            rows.add(new String[] {scenario.name(), Integer.toString(scenario.threads()), format(primary.getScore()),
                    format(primary.getScoreError()), format(allocated), scenario.goal()});
            json.append(String.format(Locale.ROOT,
                    "    {\"scenario\": \"%s\", \"threads\": %d, \"score\": %.3f, \"error\": %.3f, \"bytesPerOp\": %.3f, \"goal\": \"%s\"}%s%n",
                    scenario.name(), scenario.threads(), primary.getScore(), primary.getScoreError(), allocated, scenario.goal(),
                    i + 1 < SCENARIOS.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Path out = Path.of("benchmarks", "results", "latest.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println();
        System.out.print(table(rows));
        System.out.println("benchmarks: results written to " + out.toAbsolutePath());
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
