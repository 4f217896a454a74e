package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.relay.RelayApp;
import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request-scoped chaos across two services, as on a shared staging environment: a storefront JVM
 * calls an inventory JVM over HTTP on 127.0.0.1, each with the OpenTelemetry Java agent and
 * chaos-agent, and only the request whose W3C {@code baggage} header says {@code chaos=slow-db}
 * meets the inventory's fault. Nothing in the services copies a header: the OpenTelemetry agent
 * carries the baggage from the storefront's server to its client call and on to the inventory.
 */
class BaggageIT {

    private static final Path LIBS = Path.of(System.getProperty("chaos.it.libs", "target/it-libs")).toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] STRING = {String.class.getName()};
    private static final ObjectName AGENT = objectName("dev.chaosagent:type=ChaosAgent");
    private static final String BOOT_CLASS_PATH_NOTE =
            "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended";

    private final HttpClient tester = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void onlyTheRequestCarryingTheBaggageMeetsTheFaultTwoServicesAway() throws Exception {
        Path inventoryPlan = plan("inventory", """
                rules:
                  - name: slow-db
                    target: com.example.relay.Inventory#lookup
                    exception: java.lang.IllegalStateException
                    message: "chaos: inventory database unavailable"
                    baggage.chaos: slow-db
                """);
        Path storefrontPlan = plan("storefront", """
                rules:
                  - name: tagged-at-edge
                    target: com.example.relay.InventoryClient#stock
                    latency: 0ms
                    baggage.chaos: slow-db
                """);
        // Both orders of the two -javaagent flags, one in each service.
        try (ForkedJvm inventory = service("inventory", false, inventoryPlan, "inventory", "0");
             ForkedJvm storefront = service("storefront", true, storefrontPlan, "storefront", "0",
                     "http://127.0.0.1:" + port(inventory))) {
            URI shop = URI.create("http://127.0.0.1:" + port(storefront) + "/order?sku=42");

            String healthy = "200 inventory says 42: 7 in stock";
            String fault = "503 inventory says java.lang.IllegalStateException: chaos: inventory database unavailable";
            assertThat(order(shop, null)).isEqualTo(healthy);
            assertThat(order(shop, "chaos=other")).isEqualTo(healthy);
            assertThat(order(shop, "chaos=slow-db")).isEqualTo(fault);
            assertThat(order(shop, "tester=alice, chaos=slow-db;note=gameday")).as("one entry among others, with metadata")
                    .isEqualTo(fault);
            assertThat(order(shop, "chaos=slow-db-replica")).as("the value is matched whole").isEqualTo(healthy);
            assertThat(order(shop, null)).as("the worker threads and kept-alive connections that carried baggage keep none")
                    .isEqualTo(healthy);

            try (JMXConnector inventoryJmx = jmx(inventory); JMXConnector storefrontJmx = jmx(storefront)) {
                MBeanServerConnection atInventory = inventoryJmx.getMBeanServerConnection();
                assertThat(atInventory.invoke(AGENT, "calls", new Object[] {"slow-db"}, STRING)).as("only tagged calls are counted")
                        .isEqualTo(2L);
                assertThat(atInventory.invoke(AGENT, "injections", new Object[] {"slow-db"}, STRING)).isEqualTo(2L);
                MBeanServerConnection atStorefront = storefrontJmx.getMBeanServerConnection();
                assertThat(atStorefront.invoke(AGENT, "calls", new Object[] {"tagged-at-edge"}, STRING))
                        .as("the storefront sees the same baggage before it calls on").isEqualTo(2L);
            }

            for (ForkedJvm service : List.of(inventory, storefront)) {
                assertBothAgentsStartedCleanly(service);
            }
        }
    }

    private String order(URI shop, String baggage) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(shop).timeout(Duration.ofSeconds(20));
        if (baggage != null) {
            request.header("baggage", baggage);
        }
        HttpResponse<String> response = tester.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private Path plan(String service, String yaml) throws IOException {
        return Plans.write(Files.createDirectories(dir.resolve(service)), yaml);
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One service of {@link RelayApp} in its own JVM, with both agents and the JVM's remote JMX. */
    private static ForkedJvm service(String name, boolean openTelemetryFirst, Path plan, String... args) throws IOException {
        String openTelemetry = "-javaagent:" + LIBS.resolve("opentelemetry-javaagent.jar");
        String chaos = "-javaagent:" + ForkedJvm.AGENT_JAR + "=config=" + plan;
        // Nothing is exported; the simple log is one INFO line at start plus any warning or error, which the test reads.
        return ForkedJvm.launch(RelayApp.class.getName(), List.of(ForkedJvm.codeSource(RelayApp.class),
                        LIBS.resolve("app-opentelemetry-api.jar"), LIBS.resolve("app-opentelemetry-context.jar"),
                        LIBS.resolve("app-opentelemetry-common.jar")))
                .jvmArgs(openTelemetryFirst ? openTelemetry : chaos, openTelemetryFirst ? chaos : openTelemetry, "-Xmx128m",
                        "-Dotel.service.name=" + name, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                        "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=simple")
                .remoteJmx()
                .args(args)
                .readyWhen(Pattern.compile("^ready \\d+$"), START_TIMEOUT)
                .start();
    }

    /** The port of {@code ready PORT}. */
    private static int port(ForkedJvm service) {
        return Integer.parseInt(service.readyLine().substring("ready ".length()));
    }

    private static JMXConnector jmx(ForkedJvm service) throws IOException {
        JMXConnector connector = service.jmxConnector();
        Awaitility.await("the agent's MBean").atMost(Duration.ofSeconds(10))
                .until(() -> connector.getMBeanServerConnection().isRegistered(AGENT));
        return connector;
    }

    /**
     * Both agents said they started and every other line on stderr is one of theirs that reports
     * no failure: chaos-agent's lifecycle lines and its usual note that a rule's class has not
     * loaded yet, the OpenTelemetry agent's INFO lines, and the JVM's note that an agent extended
     * the boot class path. A stack trace, an ERROR or any other warning fails the test.
     */
    private static void assertBothAgentsStartedCleanly(ForkedJvm service) {
        assertThat(service.stderr()).as("stderr")
                .anyMatch(line -> line.startsWith("chaos-agent: started (premain): 1 rules"))
                .anyMatch(line -> line.startsWith("[otel.javaagent ") && line.endsWith("opentelemetry-javaagent - version: 2.31.1"))
                .allMatch(line -> isChaosAgentReport(line) || isOpenTelemetryInfo(line) || line.equals(BOOT_CLASS_PATH_NOTE));
    }

    private static boolean isChaosAgentReport(String line) {
        return line.startsWith("chaos-agent: ") && !line.startsWith("chaos-agent: ERROR")
                && (!line.startsWith("chaos-agent: WARN") || line.contains("no loaded class matches com.example.relay."));
    }

    private static boolean isOpenTelemetryInfo(String line) {
        return line.startsWith("[otel.javaagent ") && line.contains("] INFO io.opentelemetry.");
    }
}
