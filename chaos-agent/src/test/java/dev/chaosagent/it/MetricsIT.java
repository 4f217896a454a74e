package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import dev.chaosagent.harness.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics=PORT endpoint, scraped with a plain HTTP client, and the journal=PATH file. */
class MetricsIT {

    @TempDir
    Path dir;

    @Test
    void prometheusTextOnLoopbackAndAJournalFile() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, "rules:\n  - {name: lie, target: com.example.shop.Catalog#count, returns: 1, every: 2}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",metrics=0,journal=" + journal)) {
            int port = shop.metricsPort();
            for (int i = 0; i < 4; i++) {
                shop.result("count");
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("chaos_injections_total{fault=\"returns\",rule=\"lie\"} 2.0",
                    "chaos_calls_total{rule=\"lie\"} 4.0", "chaos_rules_active 1.0");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
        assertThat(Files.readAllLines(journal).stream().map(JsonObject::parse).map(l -> l.get("event")))
                .as("the file has the story, and the final summary written at shutdown").startsWith("added").endsWith("summary");
    }

    @Test
    void aPortInUseIsReportedAndEverythingElseWorks() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path plan = Plans.write(dir, "rules:\n  - {name: lie, target: com.example.shop.Catalog#count, returns: 1}\n");
            try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",metrics=" + taken.getLocalPort())) {
                assertThat(shop.awaitStderr("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort())).contains("everything else works");
                assertThat(shop.result("count")).isEqualTo("ok 1");
            }
        }
    }

    /**
     * The endpoint's dispatcher waits in a native select, and HotSpot waits up to 300 ms at exit for
     * a thread in native code: a short-lived JVM (a CLI tool, a batch job) would pay that each time.
     * Medians of three JVMs each; the bound is generous for a busy machine, the figures are printed.
     */
    @Test
    void aScrapedEndpointDoesNotSlowTheJvmsExit() throws Exception {
        long noAgent = medianExitMillis(false, false);
        long agent = medianExitMillis(true, false);
        long metrics = medianExitMillis(true, true);
        System.out.printf("exit after main returns (median of 3): no agent %d ms, agent %d ms, agent with metrics scraped once %d ms%n",
                noAgent, agent, metrics);
        assertThat(metrics).as("exit with metrics on, against %d ms without the agent", noAgent).isLessThan(noAgent + 200);
    }

    private static long medianExitMillis(boolean agent, boolean metrics) throws Exception {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            try (ForkedJvm shop = ForkedJvm.withAgent(!agent ? null : metrics ? "metrics=0" : "")) {
                if (metrics) {
                    int port = shop.metricsPort();
                    HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(scrape.statusCode()).isEqualTo(200);
                }
                millis[i] = shop.exitMillis();
            }
        }
        java.util.Arrays.sort(millis);
        return millis[1];
    }

    @Test
    void theAgentsThreadsNeverKeepTheApplicationAlive() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: lie, target: com.example.shop.Catalog#count, returns: 1, ttl: 1h}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",metrics=0,journal=" + dir.resolve("j"))) {
            shop.metricsPort();
            assertThat(shop.result("count")).isEqualTo("ok 1");
            shop.result("exit");
            Awaitility.await("main returned, the JVM exits").atMost(Duration.ofSeconds(10)).until(() -> !shop.isAlive());
        }
    }
}
