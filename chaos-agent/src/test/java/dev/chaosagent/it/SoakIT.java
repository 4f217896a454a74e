package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Soak under change: two workers call an application method and a JDK method while rules are added,
 * edited, enabled, disabled and removed over JMX 1,000 times at random (seeded). No exception but the
 * injected ones reaches a caller; every injection the engine counts is one a caller saw; nothing
 * hangs; after the kill switch, threads, heap and bytecode are back to where they started.
 * {@code -Dchaos.soak.seconds=N} (default 60) and {@code -Dchaos.soak.seed=N} to replay. Tagged
 * {@code soak}: {@code mvn verify} leaves it out, {@code .ci/run} runs it ({@code -Psoak}).
 */
@Tag("soak")
class SoakIT {

    private static final String[] STRING = {String.class.getName()};
    private static final String RESERVE = "com.example.shop.Inventory#reserve";
    private static final String CHECKSUM = "java.util.zip.Adler32#getValue";

    /** Faults the callers can see, so that each injection can be accounted for. */
    private static String spec(String name, Random random) {
        double p = 0.001 + random.nextDouble() * 0.2;
        int every = 1 + random.nextInt(50);
        return switch (random.nextInt(5)) {
            case 0 -> "name=" + name + " target=" + RESERVE + " exception=java.lang.IllegalStateException message=\"soak: " + name
                    + "\" probability=" + p;
            case 1 -> "name=" + name + " target=" + RESERVE + " returns=-1 every=" + every;
            case 2 -> "name=" + name + " target=" + CHECKSUM + " returns=-1 probability=" + p;
            case 3 -> "name=" + name + " target=" + CHECKSUM + " exception=java.lang.IllegalStateException message=\"soak: " + name
                    + "\" every=" + every;
            default -> "name=" + name + " target=" + RESERVE + " exception=java.lang.IllegalStateException message=\"soak: " + name
                    + "\" at=exit probability=" + p;
        };
    }

    @Test
    void aThousandChangesUnderLoad() throws Exception {
        long seed = Long.getLong("chaos.soak.seed", System.nanoTime());
        long seconds = Long.getLong("chaos.soak.seconds", 60);
        System.out.println("soak seed: " + seed + " (replay with -Dchaos.soak.seed=" + seed + "), " + seconds + " s");
        Random random = new Random(seed);
        try (ForkedJvm app = ForkedJvm.withRemoteJmx("");
             JMXConnector connector = app.jmxConnector()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName agent = new ObjectName("dev.chaosagent:type=ChaosAgent");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jmx.isRegistered(agent));

            app.result("heapKb");
            String shapeBefore = app.result("shape com.example.shop.Inventory");
            String jdkShapeBefore = app.result("shape java.util.zip.Adler32");
            long baselineHeapKb = Long.parseLong(app.result("heapKb").substring(3));
            assertThat(app.result("soakStart")).isEqualTo("ok started");
            long baselineThreads = Long.parseLong(app.result("threads").substring(3));

            // Resource faults first, each with a small limit: their injections are known exactly.
            jmx.invoke(agent, "addRule", new Object[] {"name=leak-threads target=com.example.shop.Inventory#audit threads=2 limit=3"}, STRING);
            jmx.invoke(agent, "addRule", new Object[] {"name=leak-heap target=com.example.shop.Inventory#audit memory=2MB limit=3"}, STRING);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (long) jmx.getAttribute(agent, "TotalInjections") == 6);
            assertThat(Long.parseLong(app.result("threads").substring(3))).isGreaterThanOrEqualTo(baselineThreads + 6);

            long start = System.nanoTime();
            for (int change = 0; change < 1000; change++) {
                String name = "soak-" + random.nextInt(6);
                switch (random.nextInt(5)) {
                    case 0, 1 -> jmx.invoke(agent, "addRule", new Object[] {spec(name, random)}, STRING);
                    case 2 -> jmx.invoke(agent, "disableRule", new Object[] {name}, STRING);
                    case 3 -> jmx.invoke(agent, "enableRule", new Object[] {name}, STRING);
                    default -> jmx.invoke(agent, "removeRule", new Object[] {name}, STRING);
                }
                if (random.nextInt(100) == 0) {
                    jmx.setAttribute(agent, new Attribute("Enabled", random.nextBoolean()));
                }
                // Pacing the operator, not waiting for anything: the changes spread over the soak's
                // time, and a slow machine's slow changes eat into the pauses instead of adding to them.
                long due = start + (change + 1) * seconds * 1_000_000L;
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            jmx.setAttribute(agent, new Attribute("Enabled", true));
            jmx.invoke(agent, "stopAll", null, null);
            String summary = app.result("soakStop");
            long total = (long) jmx.getAttribute(agent, "TotalInjections");
            System.out.println("soak: " + summary + " engineInjections=" + total);

            Matcher figures = Pattern.compile("calls=(\\d+) observed=(\\d+) unexpected=(\\d+) longestMillis=(\\d+)").matcher(summary);
            assertThat(figures.find()).isTrue();
            assertThat(Long.parseLong(figures.group(3))).as("exceptions other than the injected ones: %s", summary).isZero();
            assertThat(Long.parseLong(figures.group(2)) + 6).as("every injection was seen by a caller").isEqualTo(total);
            assertThat(Long.parseLong(figures.group(2))).as("the chaos did bite").isPositive();
            assertThat(Long.parseLong(figures.group(4))).as("the longest call, in ms").isLessThan(10_000);
            assertThat(app.stdout()).noneMatch(line -> line.startsWith("WATCHDOG"));

            Awaitility.await("the threads to go back to the baseline").atMost(Duration.ofSeconds(30))
                    .until(() -> Long.parseLong(app.result("threads").substring(3)) <= baselineThreads - 2);
            Awaitility.await("the heap to go back to the baseline").atMost(Duration.ofSeconds(30))
                    .until(() -> Long.parseLong(app.result("heapKb").substring(3)) < baselineHeapKb + 8 * 1024);
            assertThat(app.result("shape com.example.shop.Inventory")).isEqualTo(shapeBefore);
            assertThat(app.result("shape java.util.zip.Adler32")).isEqualTo(jdkShapeBefore);
            System.out.println("soak: threads " + baselineThreads + " before the workers stopped, "
                    + app.result("threads") + " after; heap " + baselineHeapKb + " KB before, " + app.result("heapKb") + " after");
        }
    }
}
