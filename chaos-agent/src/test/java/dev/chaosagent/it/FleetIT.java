package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of six small JVMs, as six pods of one Deployment: each has its own POD_NAME and Downward
 * API labels volume, and all share one plan volume that the test updates as the kubelet does. A
 * pod is armed when the plan's rule makes {@code Catalog#count} return 1 instead of 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIT {

    private static final Duration CONVERGE = Duration.ofSeconds(2);
    private static final int PODS = 6;
    private static final String RULES = "rules:\n  - {name: lie, target: com.example.shop.Catalog#count, returns: 1}\n";

    private KubeletVolume planVolume;
    private final Map<String, KubeletVolume> labelVolumes = new LinkedHashMap<>();
    private final Map<String, ForkedJvm> fleet = new LinkedHashMap<>();
    private long slowestMillis;

    @BeforeAll
    void startTheFleet(@TempDir Path dir) throws Exception {
        planVolume = new KubeletVolume(dir.resolve("chaos-plan"));
        planVolume.publish(Map.of("plan.yaml", "name: idle\nrules: []\n"));
        List<CompletableFuture<ForkedJvm>> starting = new ArrayList<>();
        for (int i = 1; i <= PODS; i++) {
            String pod = "shop-" + i;
            KubeletVolume labels = new KubeletVolume(dir.resolve(pod + "-podinfo"));
            labels.publish(Map.of("labels", labels("shop", i % 2 == 0 ? "frontend" : "backend")));
            labelVolumes.put(pod, labels);
            starting.add(CompletableFuture.supplyAsync(() -> start(pod)));
        }
        for (int i = 0; i < PODS; i++) {
            fleet.put("shop-" + (i + 1), starting.get(i).join());
        }
        // A JVM's first rule loads the weaver and retransforms: six JVMs doing that at once share this
        // machine's two cores, which a real fleet's pods do not. The 2 s bound is for the swaps after it.
        long start = System.nanoTime();
        publish("name: warm-up\n" + RULES);
        Awaitility.await("every pod's first rule").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> armed().equals(fleet.keySet()));
        System.out.printf("fleet: every pod armed its first rule %d ms after the swap%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    void stopTheFleet() throws Exception {
        System.out.printf("fleet: the slowest convergence after a swap took %d ms%n", slowestMillis);
        for (ForkedJvm jvm : fleet.values()) {
            jvm.close();
        }
    }

    @Test
    void aShareArmsThePodsTheDocumentedHashNamesOnEveryRunAndAfterRestarts() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String pod : fleet.keySet()) {
            if (bucket("fleet-a/" + pod) < 5_000) {
                expected.add(pod);
            }
        }
        assertThat(expected).as("the 50%% share of this fleet is neither none nor all of it").hasSizeBetween(1, PODS - 1);

        publish("name: fleet-a\nselect: {pods: 50%}\n" + RULES);
        awaitArmed(expected);

        for (String pod : List.of("shop-2", "shop-3", "shop-4")) {
            fleet.get(pod).close();
            fleet.put(pod, start(pod));
        }
        assertThat(armed()).as("restarted pods decide the same at start-up").isEqualTo(expected);
        assertThat(fleet.get("shop-3").stderr()).anyMatch(line -> line.startsWith("chaos-agent: plan fleet-a ")
                && line.contains(expected.contains("shop-3") ? "selects this JVM (pod shop/shop-3)" : "does not select this JVM"));
    }

    @Test
    void noneOfTheFleetAtZeroPercentEveryPodSaysSoAndAllAtAHundred() throws Exception {
        publish("name: fleet-all\nselect: {pods: 100%}\n" + RULES);
        awaitArmed(fleet.keySet());
        publish("name: fleet-none\nselect: {pods: 0%}\n" + RULES);
        awaitArmed(Set.of());
        for (ForkedJvm jvm : fleet.values()) {
            jvm.awaitStderr("chaos-agent: plan fleet-none selects no JVM at all (select.pods: 0%): running none of its 1 rule here");
        }
    }

    @Test
    void aLabelChangeArmsAndDisarmsOnePodLive() throws Exception {
        publish("name: canary\nselect:\n  labels: {app: shop, tier: canary}\n" + RULES);
        awaitArmed(Set.of());
        labelVolumes.get("shop-4").publish(Map.of("labels", labels("shop", "canary")));
        awaitArmed(Set.of("shop-4"));
        labelVolumes.get("shop-4").publish(Map.of("labels", labels("shop", "frontend")));
        awaitArmed(Set.of());
        fleet.get("shop-4").awaitStderr("plan canary does not select this JVM (pod shop/shop-4 has label tier=frontend,"
                + " select.labels wants tier=canary)");
    }

    @Test
    void aPlanPastItsExpiryDisarmsEveryPodByItselfWithNoChangeToTheFile() throws Exception {
        Instant expires = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        publish("name: short\nexpires: " + expires + "\n" + RULES);
        awaitArmed(fleet.keySet());
        Awaitility.await("the plan to expire in every pod").atMost(Duration.between(Instant.now(), expires).plus(CONVERGE))
                .until(() -> armed().isEmpty());
        for (ForkedJvm jvm : fleet.values()) {
            jvm.awaitStderr("rule lie removed: plan short expired at " + expires);
        }

        publish("name: stale\nexpires: 2026-01-01T00:00:00Z\n" + RULES);
        awaitArmed(Set.of());
        fleet.values().forEach(jvm -> jvm.awaitStderr("plan stale expired at 2026-01-01T00:00:00Z: none of its rules runs any more"));
    }

    @Test
    void noPodEverReadsAHalfWrittenPlan() throws Exception {
        publish("name: whole\n" + RULES);
        awaitArmed(fleet.keySet());
        KubeletVolume.Publication slow = planVolume.publishSlowly("plan.yaml",
                "name: whole-2\n" + RULES.replace("returns: 1", "returns: 2") + "  - {name: other, target: com.example.shop.Catalog#name,"
                        + " returns: \"\\\"x\\\"\"}\n");
        Awaitility.await("no pod sees the half-written version").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> armed().equals(fleet.keySet()));
        slow.complete();
        Awaitility.await("every pod has the whole new plan").atMost(CONVERGE)
                .until(() -> fleet.values().stream().allMatch(jvm -> jvm.result("count").equals("ok 2")));
        for (ForkedJvm jvm : fleet.values()) {
            assertThat(jvm.stderr()).noneMatch(line -> line.contains("plan refused") || line.contains("cannot be read"));
        }
    }

    private ForkedJvm start(String pod) {
        try {
            return ForkedJvm.inPod("config=" + planVolume.file("plan.yaml") + ",podLabels=" + labelVolumes.get(pod).file("labels")
                            + ",jmx=false",
                    Map.of("POD_NAME", pod, "POD_NAMESPACE", "shop"), "-Xmx48m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void publish(String plan) throws Exception {
        planVolume.publish(Map.of("plan.yaml", plan));
    }

    /** Every pod converges within 2 s of the swap. */
    private void awaitArmed(Set<String> expected) {
        long start = System.nanoTime();
        Awaitility.await("armed pods to be " + expected).atMost(CONVERGE).pollInterval(Duration.ofMillis(50))
                .until(() -> armed().equals(expected));
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
    }

    /** The pods whose rule acts now, asked all at once: the answer is as old as the slowest pod's, not the sum of all. */
    private Set<String> armed() {
        Map<String, CompletableFuture<String>> answers = new LinkedHashMap<>();
        fleet.forEach((pod, jvm) -> answers.put(pod, CompletableFuture.supplyAsync(() -> jvm.result("count"))));
        Set<String> armed = new TreeSet<>();
        answers.forEach((pod, answer) -> {
            if (!answer.join().equals("ok 5")) {
                armed.add(pod);
            }
        });
        return armed;
    }

    /** The Downward API's format: one key="value" a line. */
    private static String labels(String app, String tier) {
        return "app=\"" + app + "\"\npod-template-hash=\"7d4b9c\"\ntier=\"" + tier + "\"\n";
    }

    /** The formula of docs/plans-and-fleets.md, written again here: the first 8 bytes of SHA-256 of "plan/pod", unsigned, modulo 10,000. */
    private static long bucket(String planSlashPod) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(planSlashPod.getBytes(StandardCharsets.UTF_8));
        return new java.math.BigInteger(1, java.util.Arrays.copyOf(digest, 8)).mod(java.math.BigInteger.valueOf(10_000)).longValue();
    }
}
