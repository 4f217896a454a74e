package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments in a forked JVM under load: the abort's speed measured over repeated runs, the phases
 * on the JVM's clock, and the doors (JMX, the CLI, the metrics).
 */
class ExperimentIT {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    private static final String OBSERVE = "com.example.shop.Orders#place";
    private static final String FAIL = "{name: fail-payments, target: com.example.shop.Orders$Payments#charge,"
            + " exception: java.io.IOException, probability: 0.5}";
    private static final String SLEEP = "{name: slow-shipping, target: com.example.shop.Orders#ship, latency: 30s}";

    @TempDir
    Path dir;

    @Test
    void theAbortStopsEveryInjectionWithinMillisecondsOfTheCallThatBrokeTheHypothesis() throws Exception {
        int runs = Integer.getInteger("chaos.it.abortRuns", 15);
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, "rules: []\n");
        List<Double> lastInjection = new ArrayList<>();
        List<Double> sleeperWake = new ArrayList<>();
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",journal=" + journal)) {
            shop.result("orders start 4");
            for (int run = 1; run <= runs; run++) {
                shop.result("orders mark");
                String name = "abort-" + run;
                Plans.swap(plan, """
                        name: %s
                        hypothesis: {observe: %s, minCalls: 2000, success: 90%%, window: 10s}
                        abort: {onBrokenHypothesis: true}
                        rules:
                          - %s
                          - %s
                        """.formatted(name, OBSERVE, FAIL, SLEEP));
                String aborted = awaitLine(journal, "\"event\":\"aborted\"", "\"plan\":\"" + name + "\"");
                assertThat(aborted).contains("\"reason\":\"hypothesis\"");
                Instant broken = time(awaitLine(journal, "\"event\":\"hypothesis-broken\"", "\"plan\":\"" + name + "\""));
                // Whatever was still to come has come by now: what the application saw last is the figure.
                awaitLine(journal, "\"event\":\"removed\"", "\"rule\":\"slow-shipping\"", "aborted (hypothesis)", name);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !shop.result("orders lastSleptReturn").endsWith("T00:00:00Z"));
                Thread.sleep(200);
                lastInjection.add(millisBetween(broken, Instant.parse(shop.result("orders lastFailure").substring(3))));
                sleeperWake.add(millisBetween(broken, Instant.parse(shop.result("orders lastSleptReturn").substring(3))));
            }
            shop.result("orders stop");
        }
        String figures = "{\"runs\": " + runs + ", \"lastInjectionAfterBreakMs\": " + distribution(lastInjection)
                + ", \"sleepingLatencyWokenAfterBreakMs\": " + distribution(sleeperWake) + "}";
        Path out = Path.of("target", "experiment-abort.json");
        Files.writeString(out, figures + "\n");
        System.out.println("abort speed: " + figures);
        // The journal's times are to the millisecond (truncated): a figure may exceed the truth by up to 1 ms.
        assertThat(lastInjection).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(10.0 + 1));
        assertThat(sleeperWake).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(50.0 + 1));
    }

    @Test
    void phasesRunOnTheJvmsClockGatedOnTheSteadyStateAndTheMetricsFollow() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, "rules: []\n");
        String phased = """
                name: phased
                hypothesis: {observe: %s, minCalls: 50, success: 99%%, p99: 500ms, window: 2s}
                abort: {onBrokenHypothesis: true}
                phases:
                  - {name: steady, duration: 2s}
                  - {name: slow-payments, duration: 2s, rules: [slow]}
                  - {name: recovery, duration: 1s}
                rules:
                  - {name: slow, target: com.example.shop.Orders$Payments#charge, latency: 2ms}
                """.formatted(OBSERVE);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",journal=" + journal + ",metrics=0")) {
            shop.result("orders start 2");
            Plans.swap(plan, phased);
            int port = shop.metricsPort();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scrape(port).contains(
                    "chaos_experiment_phase{phase=\"slow-payments\",plan=\"phased\"} 1.0"));
            assertThat(scrape(port)).doesNotContain("phase=\"steady\"").containsPattern(
                    "chaos_hypothesis_success_ratio\\{plan=\"phased\"} 1\\.0").contains("chaos_hypothesis_p99_seconds{plan=\"phased\"}");
            String ended = awaitLine(journal, "\"event\":\"experiment-ended\"");
            shop.result("orders stop");
            assertThat(ended).contains("\"verdict\":\"held\"");

            List<String> started = lines(journal, "\"event\":\"phase-started\"");
            assertThat(started).hasSize(3);
            long steady = millisBetween(time(started.get(0)), time(started.get(1))).longValue();
            long slow = millisBetween(time(started.get(1)), time(started.get(2))).longValue();
            assertThat(steady).isBetween(1950L, 2050L);
            assertThat(slow).isBetween(1950L, 2050L);
            List<String> phaseEnded = lines(journal, "\"event\":\"phase-ended\"");
            assertThat(phaseEnded.get(0)).contains("\"phase\":\"steady\"", "\"injections\":0");
            assertThat(phaseEnded.get(1)).contains("\"phase\":\"slow-payments\"").doesNotContain("\"injections\":0,");
            assertThat(phaseEnded.get(2)).contains("\"phase\":\"recovery\"", "\"injections\":0");
            assertThat(lines(journal, "\"event\":\"observed\"")).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains("\"plan\":\"phased\"", "\"windowCalls\":", "\"injections\":{"));
            assertThat(scrape(port)).doesNotContain("chaos_experiment_phase{");
        }
    }

    @Test
    void aHypothesisOnTheHttpServerPresetObservesTheRequestsOfItsPathsAndBreaksOnTheir5xxAnswers() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, """
                name: albums-slo
                hypothesis: {preset: http-server, http.path: "/api/albums/*", window: 60s, minCalls: 10, success: 90%}
                abort: {onBrokenHypothesis: true}
                rules:
                  - {name: acme-down, preset: http-server, http.header.X-Tenant: acme, status: 503}
                  - {name: album-7-down, preset: http-server, http.path: /api/albums/7, status: 503}
                """);
        HttpClient client = HttpClient.newHttpClient();
        try (ForkedJvm app = ForkedJvm.application("config=" + plan + ",journal=" + journal, com.example.http.HttpApp.class, List.of())) {
            String base = "http://127.0.0.1:" + app.result("serve jdk").substring("ok ".length());
            for (int i = 0; i < 12; i++) {
                assertThat(status(client, base + "/api/albums/" + i, null)).isEqualTo(i == 7 ? 503 : 200);
            }
            // The agent's 503 on an observed path failed one call of twelve; out of the hypothesis's path, neither the agent's 503 nor the handler's 500s are observed.
            assertThat(status(client, base + "/other", "acme")).isEqualTo(503);
            app.result("failing /health");
            for (int i = 0; i < 30; i++) {
                assertThat(status(client, base + "/health", null)).isEqualTo(500);
            }
            assertThat(app.result("experiment")).contains("state running, verdict so far held, window 12 calls, success 91.67%");
            assertThat(lines(journal, "\"event\":\"hypothesis-broken\"")).isEmpty();

            app.result("failing /api/albums/");
            for (int i = 0; i < 3; i++) {
                assertThat(status(client, base + "/api/albums/" + i, null)).isEqualTo(500);
            }
            String broken = awaitLine(journal, "\"event\":\"hypothesis-broken\"", "\"plan\":\"albums-slo\"");
            assertThat(broken).contains("\"windowCalls\":13", "success 84.62% is below 90.00% over 13 calls");
            assertThat(awaitLine(journal, "\"event\":\"aborted\"", "\"plan\":\"albums-slo\"")).contains("\"reason\":\"hypothesis\"");
            // The abort stopped the plan's rule: the tenant's requests reach the handler again.
            awaitLine(journal, "\"event\":\"removed\"", "\"rule\":\"acme-down\"");
            assertThat(status(client, base + "/other", "acme")).isEqualTo(200);
            assertThat(lines(journal, "\"event\":\"experiment-started\"")).singleElement().asString()
                    .contains("\"hypothesis\":{\"preset\":\"http-server\",\"http.path\":\"/api/albums/*\"");
        }
    }

    private static int status(HttpClient client, String url, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void jmxTheCliAndTheMetricsShowAbortAndResumeTheExperiment() throws Exception {
        Path plan = Plans.write(dir, """
                name: doors
                hypothesis: {observe: %s, minCalls: 5}
                rules:
                  - {name: fail, target: com.example.shop.Orders$Payments#charge, exception: java.io.IOException, every: 1000}
                """.formatted(OBSERVE));
        try (ForkedJvm shop = ForkedJvm.withRemoteJmx("config=" + plan + ",metrics=0");
             JMXConnector connector = shop.jmxConnector()) {
            int metricsPort = shop.metricsPort();
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName agent = new ObjectName("dev.chaosagent:type=ChaosAgent");
            for (int i = 0; i < 10; i++) {
                assertThat(shop.result("place " + i)).isEqualTo("ok paid-" + i);
            }
            assertThat((String) jmx.getAttribute(agent, "Experiment"))
                    .startsWith("plan doors, state running, verdict so far held, window 10 calls, success 100.00%");
            String pid = Long.toString(shop.pid());

            CliIT.Run experiment = CliIT.cli("experiment", pid);
            assertThat(experiment.exitCode()).isZero();
            assertThat(experiment.out()).startsWith("plan doors, state running");

            CliIT.Run abort = CliIT.cli("abort", pid);
            assertThat(abort.exitCode()).as(abort.err()).isZero();
            assertThat(abort.out()).startsWith("plan doors, state aborted (operator), verdict so far aborted");
            assertThat((String[]) jmx.getAttribute(agent, "RuleNames")).isEmpty();
            assertThat(scrape(metricsPort)).contains("chaos_experiment_aborted{plan=\"doors\",reason=\"operator\"} 1.0");

            CliIT.Run again = CliIT.cli("abort", pid);
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).isEqualTo("chaos-agent: experiment doors is aborted; there is nothing to abort\n");

            jmx.invoke(agent, "resume", new Object[0], new String[0]);
            assertThat((String[]) jmx.getAttribute(agent, "RuleNames")).containsExactly("fail");
            assertThat((String) jmx.getAttribute(agent, "Experiment")).startsWith("plan doors, state running, verdict so far held, window 0 calls");
            assertThat(scrape(metricsPort)).doesNotContain("chaos_experiment_aborted{");

            jmx.invoke(agent, "abort", new Object[0], new String[0]);
            assertThat(CliIT.cli("resume", pid).exitCode()).isZero();
            assertThat(CliIT.cli("experiment", pid, "extra").exitCode()).isEqualTo(2);
            assertThat(CliIT.cli("experiment", "999999999").exitCode()).isEqualTo(1);
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String awaitLine(Path journal, String... fragments) {
        return Awaitility.await("a journal line with " + String.join(" ", fragments)).atMost(Duration.ofSeconds(30))
                .until(() -> lines(journal, fragments).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<String> lines(Path journal, String... fragments) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                .filter(line -> Arrays.stream(fragments).allMatch(line::contains)).toList();
    }

    private static Instant time(String line) {
        Matcher time = TIME.matcher(line);
        assertThat(time.find()).as(line).isTrue();
        return Instant.parse(time.group(1));
    }

    private static Double millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** p50, p99 and max of the figures, in milliseconds. */
    private static String distribution(List<Double> figures) {
        List<Double> sorted = figures.stream().sorted().toList();
        return String.format(Locale.ROOT, "{\"p50\": %.2f, \"p99\": %.2f, \"max\": %.2f}", percentile(sorted, 0.5),
                percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, double share) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1));
    }
}
