package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever is wrong with the options or the plan, one chaos-agent: line says so and the application runs. */
class BadInputIT {

    @TempDir
    Path dir;

    private static final String GOOD_RULE = "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n";

    @Test
    void anUnknownOptionDisarmsTheAgentEvenWithAGoodPlan() throws Exception {
        Path plan = Plans.write(dir, GOOD_RULE);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",colour=red")) {
            assertThat(shop.awaitStderr("chaos-agent:")).isEqualTo("chaos-agent: WARN unknown option colour (expected one of config,"
                    + " enabled, jmx, allowDestructive, seed, journal, metrics, log, podLabels, metricsHost); the agent is disarmed:"
                    + " no rule will act");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    @Test
    void aBadOptionValueIsNamed() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgent("enabled=maybe")) {
            assertThat(shop.awaitStderr("chaos-agent:")).contains("enabled=maybe is not a boolean (expected true or false)");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    @Test
    void anUnreadablePlanIsReported() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + missing)) {
            assertThat(shop.awaitStderr("chaos-agent:", "nope.yaml")).contains("does not exist; no rule is active");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    @Test
    void aForbiddenTargetIsRefusedWithItsReason() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: r, target: java.lang.Thread#sleep, latency: 1s}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.awaitStderr("chaos-agent:", "plan refused"))
                    .contains("rule 1 (r): target: \"java.lang.Thread#sleep\" is a forbidden target");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    @Test
    void aPatternThatMatchesNoLoadedClassIsAWarningAndAppliesWhenTheClassLoads() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: later, target: com.example.shop.LateStore#stock, returns: 3}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            shop.awaitStderr("chaos-agent: WARN rule later: no loaded class matches com.example.shop.LateStore#stock yet");
            assertThat(shop.result("late")).isEqualTo("ok 3");
        }
    }

    @Test
    void aFaultThatFailsInsideTheAgentIsReportedOnceAndTheCallGoesOn() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: odd, target: com.example.shop.Catalog#count,"
                + " exception: com.example.shop.BrokenException}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("count")).isEqualTo("ok 5");
            assertThat(shop.result("count")).isEqualTo("ok 5");
            assertThat(shop.stderr()).filteredOn(line -> line.contains("the exception fault failed and was skipped")).hasSize(1);
        }
    }
}
