package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Start-up: wall time of a JVM that loads 5,000 classes and exits, without an agent, with one that
 * does nothing ({@link NoopAgent}), with chaos-agent and an empty plan, with a 10-rule plan whose
 * targets load and are woven, and with Byteman and the same 10 rules (the median of 21 rounds that
 * run each in turn, after one warm-up round); and the heap the idle agent retains (heap in use after
 * collections, with the agent minus without).
 */
final class StartupTime {

    private static final int CLASSES = 5_000;
    static final int RUNS = 21;

    private StartupTime() {
    }

    static List<Figure> measure(Path agentJar, Path bytemanJar, Path work) throws IOException, InterruptedException {
        Path classes = GeneratedClasses.write(work.resolve("startup-classes"), CLASSES + GeneratedClasses.HOT);
        Path empty = Files.writeString(work.resolve("empty.yaml"), "rules: []\n");
        StringBuilder tenRules = new StringBuilder("rules:\n");
        for (int i = 0; i < LoadClasses.TARGETED; i++) {
            tenRules.append("  - {name: r").append(i).append(", target: gen.hot.H").append(i).append("#run, latency: 0ms}\n");
        }
        Path ten = Files.writeString(work.resolve("ten.yaml"), tenRules);
        StringBuilder tenBytemanRules = new StringBuilder();
        for (int i = 0; i < LoadClasses.TARGETED; i++) {
            tenBytemanRules.append("RULE r").append(i).append("\nCLASS gen.hot.H").append(i)
                    .append("\nMETHOD run\nAT ENTRY\nIF false\nDO NOTHING\nENDRULE\n");
        }
        Path tenByteman = Files.writeString(work.resolve("ten.btm"), tenBytemanRules);
        String cp = classes.toString();
        String main = LoadClasses.class.getName();

        Path noop = NoopAgent.writeJar(work);

        List<List<String>> commands = List.of(
                ForkedProcess.java("-cp", cp, main, Integer.toString(CLASSES)),
                ForkedProcess.java("-javaagent:" + noop, "-cp", cp, main, Integer.toString(CLASSES)),
                ForkedProcess.java("-javaagent:" + agentJar + "=config=" + empty + ",jmx=false", "-cp", cp, main, Integer.toString(CLASSES)),
                ForkedProcess.java("-javaagent:" + agentJar + "=config=" + ten + ",jmx=false,log=warn", "-cp", cp, main,
                        Integer.toString(CLASSES)),
                ForkedProcess.java("-javaagent:" + bytemanJar + "=script:" + tenByteman, "-cp", cp, main, Integer.toString(CLASSES)));
        requireWoven(commands.get(3));
        double[] medians = interleavedMedianMillis(commands);
        double none = medians[0];
        double anyAgent = medians[1];
        double idle = medians[2];
        double tenRuleStart = medians[3];
        double bytemanTen = medians[4];
        long heapWithout = heap(ForkedProcess.java("-cp", cp, main, Integer.toString(CLASSES), "heap"));
        long heapWith = heap(ForkedProcess.java("-javaagent:" + agentJar + "=config=" + empty + ",jmx=false", "-cp", cp, main,
                Integer.toString(CLASSES), "heap"));
        double retainedMb = (heapWith - heapWithout) / (1024.0 * 1024.0);

        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("start-up, 5,000 classes, no agent", none, "ms", "baseline", true));
        figures.add(new Figure("start-up added by an agent that does nothing (the JVM's own cost)", anyAgent - none, "ms", "measured", true));
        figures.add(new Figure("start-up added by the agent, empty plan", idle - none, "ms", "<= the no-op agent + 15 ms",
                idle <= anyAgent + 15));
        figures.add(new Figure("start-up added by the agent, 10-rule plan, targets woven", tenRuleStart - none, "ms", "< 200 ms",
                tenRuleStart - none < 200));
        figures.add(new Figure("start-up added by Byteman, the same 10 rules", bytemanTen - none, "ms", "stretch: chaos-agent <= this",
                tenRuleStart <= bytemanTen));
        figures.add(new Figure("heap retained by the idle agent", retainedMb, "MB", "< 5 MB", retainedMb < 5));
        return figures;
    }

    /**
     * The median wall time of each command, run in turn round after round (after one warm-up round),
     * so that whatever else the machine does drifts over all of them alike.
     */
    private static double[] interleavedMedianMillis(List<List<String>> commands) throws IOException, InterruptedException {
        for (List<String> command : commands) {
            run(command);
        }
        double[][] millis = new double[commands.size()][RUNS];
        for (int round = 0; round < RUNS; round++) {
            for (int i = 0; i < commands.size(); i++) {
                long start = System.nanoTime();
                run(commands.get(i));
                millis[i][round] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            Arrays.sort(millis[i]);
            medians[i] = millis[i][RUNS / 2]; // RUNS is odd
        }
        return medians;
    }

    /** The 10-rule row means nothing unless its targets were woven: a weave that failed says so on stderr. */
    private static void requireWoven(List<String> command) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command, true)) {
            for (String line : process.linesToTheEnd()) {
                if (line.contains("cannot instrument")) {
                    throw new IllegalStateException("the 10-rule plan's targets were not woven: " + line);
                }
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command)) {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("failed: " + command);
            }
        }
    }

    private static long heap(List<String> command) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command)) {
            return Long.parseLong(process.await("heap ").split(" ")[1]);
        }
    }
}
