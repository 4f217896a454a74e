package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a JVM takes to exit once {@code main} returns ({@link ExitAfterMain}): without an agent,
 * with the agent, and with the agent's {@code metrics=PORT} endpoint on and scraped once, whose
 * dispatcher would otherwise hold the exit up to 300 ms in a native wait. From the program's last
 * line to the end of its process; the median of 9 rounds that run each in turn.
 */
final class ExitTime {

    private static final int RUNS = 9;
    /** How the agent logs its endpoint, with the port it bound. */
    private static final String METRICS_LINE = "chaos-agent: metrics at ";

    private ExitTime() {
    }

    static List<Figure> measure(Path agentJar, Path work) throws IOException, InterruptedException {
        String cp = GeneratedClasses.write(work.resolve("exit-classes"), 0).toString();
        String main = ExitAfterMain.class.getName();
        double[][] millis = new double[3][RUNS];
        for (int round = 0; round < RUNS; round++) {
            millis[0][round] = exitMillis(ForkedProcess.java("-cp", cp, main), false);
            millis[1][round] = exitMillis(ForkedProcess.java("-javaagent:" + agentJar + "=jmx=false", "-cp", cp, main), false);
            millis[2][round] = exitMillis(ForkedProcess.java("-javaagent:" + agentJar + "=jmx=false,metrics=0", "-cp", cp, main), true);
        }
        double none = median(millis[0]);
        double agent = median(millis[1]);
        double metrics = median(millis[2]);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("JVM exit after main returns, no agent", none, "ms", "baseline", true));
        figures.add(new Figure("JVM exit added by the agent", agent - none, "ms", "measured", true));
        figures.add(new Figure("JVM exit added by the agent with metrics=PORT on, scraped once", metrics - none, "ms", "< 30 ms",
                metrics - none < 30));
        return figures;
    }

    /**
     * Runs the program to its end; with {@code scrape}, first reads the port the agent's endpoint
     * bound ({@code metrics=0}) from its log line and scrapes {@code /metrics} once.
     */
    private static double exitMillis(List<String> command, boolean scrape) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command, scrape)) {
            if (scrape) {
                // The agent's line comes once premain is done and the endpoint serves; "go" waits in stdin.
                scrape(metricsUrl(process.await(METRICS_LINE)));
            } else {
                process.await("ready");
            }
            process.send("go");
            process.await("bye");
            long said = System.nanoTime();
            process.waitFor();
            return (System.nanoTime() - said) / 1e6;
        }
    }

    /** {@code http://HOST:PORT/metrics} from the agent's line {@code chaos-agent: metrics at http://HOST:PORT/metrics}. */
    private static URI metricsUrl(String line) {
        return URI.create(line.substring(METRICS_LINE.length()).trim());
    }

    /** The agent logs the line once the endpoint serves, so one request is all it takes. */
    private static void scrape(URI url) throws IOException, InterruptedException {
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException(url + " answered " + status);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
