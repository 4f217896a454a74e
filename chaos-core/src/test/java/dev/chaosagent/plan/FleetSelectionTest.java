package dev.chaosagent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Plan-level selection and expiry: which JVMs of a fleet a plan arms, decided by each JVM alone. */
class FleetSelectionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");
    private final PlanParser parser = new PlanParser(new dev.chaosagent.rule.RuleParser(getClass().getClassLoader()));

    @Test
    void theHashIsTheDocumentedOneSoAReviewerCanComputeIt() {
        // Computed independently: python3 -c 'import hashlib; d = hashlib.sha256(b"checkout-latency/catalog-0").digest();
        // print(int.from_bytes(d[:8], "big") % 10000)'
        assertThat(PodHash.bucket("checkout-latency", "catalog-0")).isEqualTo(9901);
        assertThat(PodHash.bucket("checkout-latency", "catalog-1")).isEqualTo(6616);
        assertThat(PodHash.bucket("fleet-a", "shop-2")).isEqualTo(3875);
    }

    @Test
    void itsSha256IsTheJdksOnMessagesOfEveryLengthAroundTheBlockBoundaries() throws Exception {
        java.util.Random random = new java.util.Random(20261202);
        for (int length = 0; length < 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertThat(PodHash.sha256(message)).as("length %d", length)
                    .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(message));
        }
    }

    @Test
    void aShareTakesAboutThatShareOfAFleetAndALargerShareKeepsTheSmallersPods() {
        List<PodIdentity> fleet = IntStream.range(0, 2_000).mapToObj(i -> pod("catalog-" + i, Map.of())).toList();
        Plan third = plan("name: checkout\nselect: {pods: 33%}\n");
        Plan half = plan("name: checkout\nselect: {pods: 50%}\n");
        List<String> inThird = fleet.stream().filter(p -> third.armingFor(p, NOW).armed()).map(PodIdentity::name).toList();
        List<String> inHalf = fleet.stream().filter(p -> half.armingFor(p, NOW).armed()).map(PodIdentity::name).toList();
        assertThat(inThird.size()).isBetween(600, 720);
        assertThat(inHalf).containsAll(inThird);
        assertThat(fleet.stream().filter(p -> plan("name: other\nselect: {pods: 33%}\n").armingFor(p, NOW).armed())
                .map(PodIdentity::name).toList()).as("another experiment picks other pods").isNotEqualTo(inThird);
    }

    @Test
    void noneAndAllAtTheEndsAndThePlanSaysWhenItSelectsNoJvmAtAll() {
        PodIdentity pod = pod("catalog-0", Map.of());
        assertThat(plan("name: x\nselect: {pods: 100%}\n").armingFor(pod, NOW).armed()).isTrue();
        Arming none = plan("name: x\nselect: {pods: 0%}\n").armingFor(pod, NOW);
        assertThat(none.armed()).isFalse();
        assertThat(none.reason()).isEqualTo("plan x selects no JVM at all (select.pods: 0%)");
        assertThat(plan("name: x\nselect: {names: []}\n").armingFor(pod, NOW).reason())
                .isEqualTo("plan x selects no JVM at all (select.names: [])");
        assertThat(plan("rules: []\n").armingFor(null, NOW)).isEqualTo(new Arming(null, true, "the plan arms every JVM"));
    }

    @Test
    void namesAndLabelsMustAllHold() {
        Plan plan = plan("name: x\nselect:\n  names: [catalog-0, catalog-2]\n  labels: {app: catalog, tier: backend}\n");
        assertThat(plan.armingFor(pod("catalog-0", Map.of("app", "catalog", "tier", "backend", "x", "y")), NOW).armed()).isTrue();
        assertThat(plan.armingFor(pod("catalog-1", Map.of("app", "catalog", "tier", "backend")), NOW).reason())
                .isEqualTo("plan x does not select this JVM (pod shop/catalog-1 is not in select.names [catalog-0, catalog-2])");
        assertThat(plan.armingFor(pod("catalog-2", Map.of("app", "catalog")), NOW).reason())
                .isEqualTo("plan x does not select this JVM (pod shop/catalog-2 has no label tier, select.labels wants tier=backend)");
        assertThat(plan("name: x\nselect: {pods: 50%}\n").armingFor(pod("catalog-1", Map.of()), NOW).reason())
                .isEqualTo("plan x does not select this JVM (pod shop/catalog-1 is outside the 50% share (its bucket is 8367;"
                        + " the share takes buckets below 5000 of 10000))");
    }

    @Test
    void fromItsExpiryOnAPlanArmsNoJvm() {
        Plan plan = plan("name: x\nexpires: 2026-12-02T05:00:00Z\n");
        assertThat(plan.expires()).isEqualTo(NOW);
        assertThat(plan.armingFor(null, NOW.minusSeconds(1)).armed()).isTrue();
        Arming expired = plan.armingFor(null, NOW);
        assertThat(expired.armed()).isFalse();
        assertThat(expired.removal()).isEqualTo("plan x expired at 2026-12-02T05:00:00Z");
        assertThat(plan("expires: \"2026-12-02T06:00:00+01:00\"\n").expires()).as("quoted, and at an offset").isEqualTo(NOW);
        assertThat(plan("expires: 2026-12-02\n").expires()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void badValuesAreRefusedNamingKeyValueAndWhatWasExpected() {
        assertThatThrownBy(() -> parser.parse("""
                name: "no spaces"
                expires: tomorrow
                select:
                  pods: 150%
                  names: catalog-0
                  labels: {app: on}
                  zone: eu
                """, "plan.yaml"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                        "name: \"no spaces\" is not a plan name (expected letters, digits, '.', '_' or '-', like checkout-latency)",
                        "expires: \"tomorrow\" is not an instant (expected ISO-8601 with a time zone, like 2026-12-01T18:00:00Z)",
                        "select.zone: is not a selection key (expected pods, names or labels)",
                        "select.pods: \"150%\" is more than the whole fleet (expected a percentage from 0% to 100%, like 33%)",
                        "select.names: \"catalog-0\" is not a list (expected a list of pod names, like [catalog-0, catalog-2])",
                        "select.labels.app: \"true\" is not a label value (expected text, quoted when YAML would read it as something"
                                + " else, like \"true\")"));
        assertThatThrownBy(() -> parser.parse("select: {pods: 33%}\n", "plan.yaml")).hasMessageContaining(
                "select.pods: \"33%\" needs the plan's name, which decides the pods with the pod's name (expected a name: key");
        assertThatThrownBy(() -> parser.parse("name: x\nselect: {pods: 0.3}\n", "plan.yaml")).hasMessageContaining(
                "select.pods: \"0.3\" is not a share of the fleet (expected a percentage from 0% to 100%, like 33%)");
        assertThat(plan("name: x\nselect: {pods: 12.5%}\n").selection().pods()).isEqualTo(1250);
    }

    @Test
    void downwardApiLabelsAreRead() {
        assertThat(PodLabels.parse("app=\"catalog\"\npod-template-hash=\"7d4b9c\"\nnote=\"say \\\"hi\\\"\\n\\u00e9\"\n"))
                .containsExactly(Map.entry("app", "catalog"), Map.entry("pod-template-hash", "7d4b9c"), Map.entry("note", "say \"hi\"\n\u00e9"));
        assertThat(PodLabels.parse("")).isEmpty();
        assertThatThrownBy(() -> PodLabels.parse("app=\"catalog\"\ntier: backend\n"))
                .hasMessage("line 2: \"tier: backend\" is not a label (expected key=\"value\")");
    }

    @Test
    void theIdentityComesFromTheDownwardApiEnvironment() {
        assertThat(PodIdentity.fromEnvironment(Map.of("POD_NAME", "catalog-0", "POD_NAMESPACE", "shop", "HOSTNAME", "h"), Map.of()))
                .isEqualTo(new PodIdentity("catalog-0", "shop", Map.of()));
        assertThat(PodIdentity.fromEnvironment(Map.of("HOSTNAME", "catalog-7"), Map.of("a", "b")).name()).isEqualTo("catalog-7");
    }

    private Plan plan(String yaml) {
        return parser.parse(yaml, "plan.yaml");
    }

    private static PodIdentity pod(String name, Map<String, String> labels) {
        return new PodIdentity(name, "shop", labels);
    }
}
