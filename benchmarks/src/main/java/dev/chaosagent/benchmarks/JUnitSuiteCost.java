package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What chaos-junit adds to a test suite: a test project ({@code com.example.suite}) run by the JUnit
 * Platform launcher in a JVM of its own ({@link TimedTestRun}), its tests timed one by one, the
 * chaos tests ({@code InventoryChaosTest}: each adds a rule and removes it) minus the same tests
 * without chaos ({@code InventoryTest}). Three ways, run in turn round after round: without
 * chaos, with chaos and no agent on the command line (chaos-junit attaches it), and with the agent
 * on the command line, as Surefire's {@code argLine} puts it. The median over the rounds.
 */
final class JUnitSuiteCost {

    private static final int RUNS = 7;
    private static final String PLAIN = "com.example.suite.InventoryTest";
    private static final String CHAOS = "com.example.suite.InventoryChaosTest";

    private JUnitSuiteCost() {
    }

    /**
     * The times of one run, in milliseconds: its first test, and the median of the others; and the
     * CPU time the JVM spent (all its threads) in the first test, and in the others on average (the
     * JVM counts it in 10 ms ticks: the mean over many tests, not the median, tells less than a tick).
     */
    private record Run(double first, double further, double firstCpu, double furtherCpu) {
    }

    static List<Figure> measure(Path agentJar) throws IOException, InterruptedException {
        String cp = classPath(agentJar);
        String main = "dev.chaosagent.benchmarks.TimedTestRun"; // not loaded here: JUnit is on the test project's class path only
        List<List<String>> commands = List.of(
                ForkedProcess.java("-cp", cp, main, PLAIN),
                ForkedProcess.java("-cp", cp, main, CHAOS),
                ForkedProcess.java("-javaagent:" + agentJar, "-cp", cp, main, CHAOS));
        for (List<String> command : commands) {
            run(command); // warm the file system cache
        }
        Run[][] runs = new Run[commands.size()][RUNS];
        for (int round = 0; round < RUNS; round++) {
            for (int i = 0; i < commands.size(); i++) {
                runs[i][round] = run(commands.get(i));
            }
        }
        String[] names = {"without chaos", "chaos, agent attached by chaos-junit", "chaos, agent on the argLine"};
        for (int i = 0; i < commands.size(); i++) {
            System.out.println("benchmarks: junit " + names[i] + ": first test " + distribution(runs[i], Run::first)
                    + " (CPU " + distribution(runs[i], Run::firstCpu) + "), each further test " + distribution(runs[i], Run::further)
                    + " (CPU " + distribution(runs[i], Run::furtherCpu) + ")");
        }
        double plainFirst = median(runs[0], Run::first);
        double plainFurther = median(runs[0], Run::further);
        double attachedFirst = median(runs[1], Run::first) - plainFirst;
        double attachedFurther = median(runs[1], Run::further) - plainFurther;
        double argLineFirst = median(runs[2], Run::first) - plainFirst;
        double argLineFurther = median(runs[2], Run::further) - plainFurther;
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("JUnit: first test of a class, no chaos", plainFirst, "ms", "baseline", true));
        figures.add(new Figure("JUnit: first chaos test added, chaos-junit attaching the agent", attachedFirst, "ms", "<= 1000 ms",
                attachedFirst <= 1000));
        figures.add(new Figure("JUnit: each further test adding and removing a rule, added", attachedFurther, "ms", "<= 30 ms",
                attachedFurther <= 30));
        figures.add(new Figure("JUnit: first chaos test added, agent on the argLine", argLineFirst, "ms", "<= 300 ms",
                argLineFirst <= 300));
        figures.add(new Figure("JUnit: each further test added, agent on the argLine", argLineFurther, "ms", "<= 30 ms",
                argLineFurther <= 30));
        // CPU time of all the JVM's threads, the JIT compiling on the other core included: what the test
        // asked of the machine. The targets are the wall time a suite waits (the rows above).
        double attachedFirstCpu = median(runs[1], Run::firstCpu) - median(runs[0], Run::firstCpu);
        double furtherCpu = median(runs[1], Run::furtherCpu) - median(runs[0], Run::furtherCpu);
        double argLineFirstCpu = median(runs[2], Run::firstCpu) - median(runs[0], Run::firstCpu);
        figures.add(new Figure("JUnit: CPU of the first chaos test added, chaos-junit attaching the agent", attachedFirstCpu, "ms",
                "measured (the attach helper JVM's not counted)", true));
        figures.add(new Figure("JUnit: CPU of each further test added", furtherCpu, "ms", "measured (all threads: the JIT's too)", true));
        figures.add(new Figure("JUnit: CPU of the first chaos test added, agent on the argLine", argLineFirstCpu, "ms",
                "measured (all threads: the JIT's too)", true));
        return figures;
    }

    /**
     * The test project's class path as a build gives it: chaos-junit and JUnit (copied next to
     * benchmarks.jar at build time), the agent jar, then benchmarks.jar for the test classes (last,
     * so that the engine's classes come from the agent jar).
     */
    private static String classPath(Path agentJar) throws IOException {
        Path benchmarks;
        try {
            benchmarks = Path.of(JUnitSuiteCost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path lib = benchmarks.resolveSibling("junit-suite");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
        }
        entries.add(agentJar.toString());
        entries.add(benchmarks.toString());
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command)) {
            List<Double> millis = new ArrayList<>();
            List<Double> cpuMillis = new ArrayList<>();
            for (String line = process.await(""); !line.equals("done"); line = process.await("")) {
                if (!line.startsWith("test ")) {
                    throw new IllegalStateException("the test project failed: " + line + " (" + command + ")");
                }
                String[] times = line.split(" ");
                millis.add(Long.parseLong(times[1]) / 1000.0);
                cpuMillis.add(Long.parseLong(times[2]) / 1000.0);
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the test project failed: " + command);
            }
            double[] further = millis.subList(1, millis.size()).stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(further);
            double furtherCpu = cpuMillis.subList(1, cpuMillis.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            return new Run(millis.get(0), further[further.length / 2], cpuMillis.get(0), furtherCpu);
        }
    }

    private static double median(Run[] runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = Arrays.stream(runs).mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String distribution(Run[] runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = Arrays.stream(runs).mapToDouble(figure).sorted().toArray();
        return String.format(Locale.ROOT, "min %.1f / median %.1f / max %.1f ms", values[0], values[values.length / 2],
                values[values.length - 1]);
    }

    /** Measures this alone: {@code java -cp benchmarks/target/benchmarks.jar dev.chaosagent.benchmarks.JUnitSuiteCost}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path agentJar = Path.of(System.getProperty("chaos.agent.jar", "chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
        List<Figure> figures = measure(agentJar);
        System.out.println("| figure | value | target | met |\n|---|---|---|---|");
        figures.forEach(figure -> System.out.println(figure.row()));
        figures.forEach(figure -> System.out.println(figure.json()));
    }
}
