package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.relay.RelayApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        int inventoryPort = ForkedJvm.freePort();
        // Both orders of the two -javaagent flags, one in each service; both JVMs start at once.
        try (Service inventory = Service.start("inventory", false, inventoryPlan, "inventory", Integer.toString(inventoryPort));
             Service storefront = Service.start("storefront", true, storefrontPlan, "storefront", "0",
                     "http://127.0.0.1:" + inventoryPort)) {
            inventory.awaitReady();
            URI shop = URI.create("http://127.0.0.1:" + storefront.awaitReady() + "/order?sku=42");

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

            try (JMXConnector inventoryJmx = inventory.jmx(); JMXConnector storefrontJmx = storefront.jmx()) {
                MBeanServerConnection atInventory = inventoryJmx.getMBeanServerConnection();
                assertThat(atInventory.invoke(AGENT, "calls", new Object[] {"slow-db"}, STRING)).as("only tagged calls are counted")
                        .isEqualTo(2L);
                assertThat(atInventory.invoke(AGENT, "injections", new Object[] {"slow-db"}, STRING)).isEqualTo(2L);
                MBeanServerConnection atStorefront = storefrontJmx.getMBeanServerConnection();
                assertThat(atStorefront.invoke(AGENT, "calls", new Object[] {"tagged-at-edge"}, STRING))
                        .as("the storefront sees the same baggage before it calls on").isEqualTo(2L);
            }

            for (Service service : List.of(inventory, storefront)) {
                service.assertBothAgentsStartedCleanly();
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
    private static final class Service implements AutoCloseable {

        private final String name;
        private final int jmxPort;
        private final Process process;
        private final List<String> stdout = new CopyOnWriteArrayList<>();
        private final List<String> stderr = new CopyOnWriteArrayList<>();

        private Service(String name, int jmxPort, List<String> command) throws IOException {
            this.name = name;
            this.jmxPort = jmxPort;
            process = new ProcessBuilder(command).start();
            pump(process.getInputStream(), stdout);
            pump(process.getErrorStream(), stderr);
        }

        static Service start(String name, boolean openTelemetryFirst, Path plan, String... args) throws IOException {
            String openTelemetry = "-javaagent:" + LIBS.resolve("opentelemetry-javaagent.jar");
            String chaos = "-javaagent:" + ForkedJvm.AGENT_JAR + "=config=" + plan;
            int jmxPort = ForkedJvm.freePort();
            // Nothing is exported; the simple log is one INFO line at start plus any warning or error, which the test reads.
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("chaos.it.java.home", System.getProperty("java.home")), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    openTelemetryFirst ? openTelemetry : chaos, openTelemetryFirst ? chaos : openTelemetry,
                    "-Dotel.service.name=" + name, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=simple",
                    "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Djava.rmi.server.hostname=127.0.0.1",
                    "-cp", String.join(java.io.File.pathSeparator, ForkedJvm.codeSource(RelayApp.class).toString(),
                            LIBS.resolve("app-opentelemetry-api.jar").toString(), LIBS.resolve("app-opentelemetry-context.jar").toString(),
                            LIBS.resolve("app-opentelemetry-common.jar").toString()),
                    RelayApp.class.getName()));
            command.addAll(List.of(args));
            return new Service(name, jmxPort, command);
        }

        /** Waits for {@code ready PORT} and returns the port. */
        int awaitReady() {
            Optional<String> ready = Awaitility.await(name + " to listen").atMost(START_TIMEOUT).until(
                    () -> stdout.stream().filter(line -> line.startsWith("ready ")).findFirst()
                            .or(() -> process.isAlive() ? Optional.empty() : Optional.of("exited")),
                    Optional::isPresent);
            assertThat(ready.get()).as("%s runs; stderr: %s", name, stderr).startsWith("ready ");
            return Integer.parseInt(ready.get().substring("ready ".length()));
        }

        JMXConnector jmx() throws IOException {
            JMXConnector connector = ForkedJvm.jmxConnector(jmxPort);
            Awaitility.await(name + "'s agent MBean").atMost(Duration.ofSeconds(10))
                    .until(() -> connector.getMBeanServerConnection().isRegistered(AGENT));
            return connector;
        }

        /**
         * Both agents said they started and every other line on stderr is one of theirs that reports
         * no failure: chaos-agent's lifecycle lines and its usual note that a rule's class has not
         * loaded yet, the OpenTelemetry agent's INFO lines, and the JVM's note that an agent extended
         * the boot class path. A stack trace, an ERROR or any other warning fails the test.
         */
        void assertBothAgentsStartedCleanly() {
            assertThat(stderr).as(name + "'s stderr")
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

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private static void pump(InputStream stream, List<String> lines) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "relay-output");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
