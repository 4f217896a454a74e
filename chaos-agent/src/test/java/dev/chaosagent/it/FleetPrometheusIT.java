package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped recording rules in a real Prometheus (the Debian package, with promtool), scraping a
 * small fleet of JVMs on 127.0.0.1: what the rules add up must be what the JVMs counted.
 */
class FleetPrometheusIT {

    private static final Path RULES = Path.of("..", "deploy", "kubernetes", "rules").toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\".*?address=127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern INJECTIONS = Pattern.compile("(?m)^chaos_injections_total\\{fault=\"(\\w+)\",rule=\"[^\"]+\"} ([0-9.]+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeEach
    void prometheusIsInstalled() {
        assumeTrue(ForkedJvm.onPath("prometheus") && ForkedJvm.onPath("promtool"),
                "prometheus is not installed (Debian: apt-get install -y prometheus, which brings promtool):"
                        + " the recording rules are not checked against a real Prometheus here");
    }

    @Test
    void promtoolChecksAndTestsTheShippedRules() throws Exception {
        assertThat(run(RULES, "promtool", "check", "rules", "chaos-agent.rules.yml")).contains("SUCCESS: 5 rules found");
        assertThat(run(RULES, "promtool", "test", "rules", "chaos-agent.rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void theRecordingRulesAddUpWhatEveryJvmCountedPerPlanAndFault() throws Exception {
        Path plan = Plans.write(dir, """
                name: fleet-a
                select: {pods: 50%}
                rules:
                  - {name: lie, target: com.example.shop.Catalog#count, returns: 1}
                  - {name: slow, target: com.example.shop.Catalog#name, latency: 1ms, every: 2}
                """);
        List<ForkedJvm> fleet = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        Process prometheus = null;
        try {
            for (int i = 1; i <= 4; i++) {
                fleet.add(ForkedJvm.inPod("config=" + plan + ",metrics=0,jmx=false", Map.of("POD_NAME", "shop-" + i),
                        "-Xmx48m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            }
            for (int i = 0; i < fleet.size(); i++) {
                ports.add(fleet.get(i).metricsPort());
                for (int call = 0; call <= 3 * i; call++) {
                    fleet.get(i).result("count");
                    fleet.get(i).result("name");
                }
            }
            Map<String, Double> counted = new TreeMap<>();
            for (int port : ports) {
                Matcher line = INJECTIONS.matcher(get("http://127.0.0.1:" + port + "/metrics"));
                while (line.find()) {
                    counted.merge(line.group(1), Double.parseDouble(line.group(2)), Double::sum);
                }
            }
            assertThat(counted).as("the armed pods (shop-2 and shop-3 for fleet-a at 50%%) injected both faults")
                    .containsOnlyKeys("returns", "latency").containsEntry("returns", 4.0 + 7.0);

            prometheus = startPrometheus(ports);
            String api = "http://127.0.0.1:" + webPort(prometheus) + "/api/v1/query?query=";
            // Until every JVM has been scraped and the rules evaluated on that: the ratio is only right then.
            Awaitility.await("Prometheus to record the fleet's injections").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> byLabel(get(api + encode("plan:chaos_pods:count")), "plan").equals(Map.of("fleet-a", 4.0))
                            && byLabel(get(api + encode("plan_fault:chaos_injections:sum{plan=\"fleet-a\"}")), "fault").equals(counted));
            assertThat(byLabel(get(api + encode("plan:chaos_pods_armed:ratio")), "plan")).isEqualTo(Map.of("fleet-a", 0.5));
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
            for (ForkedJvm jvm : fleet) {
                jvm.close();
            }
        }
    }

    private Process startPrometheus(List<Integer> ports) throws IOException {
        StringBuilder targets = new StringBuilder();
        for (int port : ports) {
            targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(port).append('\'');
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - '%s'
                scrape_configs:
                  - job_name: chaos-agent
                    static_configs:
                      - targets: [%s]
                """.formatted(RULES.resolve("chaos-agent.rules.yml"), targets));
        return new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:0", "--log.level=info")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** The port Prometheus's web server bound, from its {@code msg="Listening on" ... address=127.0.0.1:PORT} line. */
    private int webPort(Process prometheus) throws IOException {
        Path log = dir.resolve("prometheus.log");
        Awaitility.await("Prometheus to listen").atMost(Duration.ofSeconds(30))
                .until(() -> !prometheus.isAlive() || LISTENING.matcher(Files.readString(log)).find());
        Matcher listening = LISTENING.matcher(Files.readString(log));
        assertThat(listening.find()).as("Prometheus listens; its log:%n%s", Files.readString(log)).isTrue();
        return Integer.parseInt(listening.group(1));
    }

    /** An instant vector from the query API, as {label value: sample value}. */
    private static Map<String, Double> byLabel(String json, String label) {
        Map<String, Object> response = new Yaml().load(json);
        Map<String, Double> values = new TreeMap<>();
        for (Object item : (List<?>) ((Map<?, ?>) response.get("data")).get("result")) {
            Map<?, ?> sample = (Map<?, ?>) item;
            values.put((String) ((Map<?, ?>) sample.get("metric")).get(label),
                    Double.parseDouble(String.valueOf(((List<?>) sample.get("value")).get(1))));
        }
        return values;
    }

    private String get(String url) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (java.net.ConnectException notYet) {
            return "{\"data\": {\"result\": []}}";
        }
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static String run(Path in, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
