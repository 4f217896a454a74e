package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
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

    private ExitTime() {
    }

    static List<Figure> measure(Path agentJar, Path work) throws IOException, InterruptedException {
        String cp = GeneratedClasses.write(work.resolve("exit-classes"), 0).toString();
        String main = ExitAfterMain.class.getName();
        double[][] millis = new double[3][RUNS];
        for (int round = 0; round < RUNS; round++) {
            millis[0][round] = exitMillis(ForkedProcess.java("-cp", cp, main), -1);
            millis[1][round] = exitMillis(ForkedProcess.java("-javaagent:" + agentJar + "=jmx=false", "-cp", cp, main), -1);
            int port = freePort();
            millis[2][round] = exitMillis(ForkedProcess.java("-javaagent:" + agentJar + "=jmx=false,metrics=" + port, "-cp", cp, main), port);
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

    /** Runs the program to its end; scrapes {@code http://127.0.0.1:port/metrics} first unless port is -1. */
    private static double exitMillis(List<String> command, int port) throws IOException, InterruptedException {
        try (ForkedProcess process = new ForkedProcess(command)) {
            process.await("ready");
            if (port >= 0) {
                scrape(port);
            }
            process.send("go");
            process.await("bye");
            long said = System.nanoTime();
            process.waitFor();
            return (System.nanoTime() - said) / 1e6;
        }
    }

    /** The endpoint opens in the background after premain: tries for up to 30 s. */
    private static void scrape(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
