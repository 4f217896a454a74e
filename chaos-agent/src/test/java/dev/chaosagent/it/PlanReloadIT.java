package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan file is watched: edits, renames and symlink swaps take effect; broken saves do not. */
class PlanReloadIT {

    private static final Duration RELOAD = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aSavedChangeTakesEffectWithinTwoSecondsAndABrokenSaveChangesNothing() throws Exception {
        Path plan = Plans.write(dir, "rules: []\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("count")).isEqualTo("ok 5");

            Files.writeString(plan, "rules:\n  - {name: wrong, target: com.example.shop.Catalog#count, returns: 1}\n");
            Awaitility.await().atMost(RELOAD.plusMillis(500)).until(() -> shop.result("count").equals("ok 1"));

            Plans.swap(plan, "rules:\n  - {name: wrong, target: com.example.shop.Catalog#count, returns: 2}\n");
            Awaitility.await().atMost(RELOAD.plusMillis(500)).until(() -> shop.result("count").equals("ok 2"));

            Files.writeString(plan, "rules:\n  - {name: wrong, target: com.example.shop.Catalog#count, returns: 3, latency: 1ms}\n");
            shop.awaitStderr("chaos-agent:", "plan refused, 1 problem: rule 1 (wrong): rule:", "has faults returns and latency",
                    "the last good plan stays in force");
            assertThat(shop.result("count")).isEqualTo("ok 2");
            assertThat(shop.stderr()).filteredOn(line -> line.contains("plan refused")).hasSize(1);
        }
    }

    @Test
    void aSymlinkSwapLikeAConfigMapUpdateIsSeen() throws Exception {
        Path v1 = dir.resolve("v1");
        Path v2 = dir.resolve("v2");
        Files.createDirectories(v1);
        Files.createDirectories(v2);
        Files.writeString(v1.resolve("plan.yaml"), "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
        Files.writeString(v2.resolve("plan.yaml"), "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 2}\n");
        Path data = dir.resolve("..data");
        Files.createSymbolicLink(data, v1.getFileName());
        Path plan = dir.resolve("plan.yaml");
        Files.createSymbolicLink(plan, Path.of("..data", "plan.yaml"));

        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("count")).isEqualTo("ok 1");
            Path next = dir.resolve("..data_tmp");
            Files.createSymbolicLink(next, v2.getFileName());
            Files.move(next, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Awaitility.await().atMost(RELOAD.plusMillis(500)).until(() -> shop.result("count").equals("ok 2"));
        }
    }

    @Test
    void aBrokenPlanAtStartUpLeavesNoRuleActiveAndTheApplicationRuns() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - {name: good, target: com.example.shop.Catalog#count, returns: 1}
                  - {name: bad, target: com.example.shop.Catalog#name, latency: soon}
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.awaitStderr("chaos-agent:", "plan refused")).contains("rule 2 (bad): latency: \"soon\" is not a duration",
                    "no rule is active");
            assertThat(shop.result("count")).isEqualTo("ok 5");

            Files.writeString(plan, "rules:\n  - {name: good, target: com.example.shop.Catalog#count, returns: 1}\n");
            Awaitility.await().atMost(RELOAD.plusMillis(500)).until(() -> shop.result("count").equals("ok 1"));
        }
    }

    @Test
    void aDeletedPlanIsReportedOnceAndTheLastGoodPlanStays() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("count")).isEqualTo("ok 1");
            Files.delete(plan);
            shop.awaitStderr("does not exist; the last good plan stays in force");
            assertThat(shop.result("count")).isEqualTo("ok 1");
            Awaitility.await("no second report").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> shop.stderr().stream().filter(line -> line.contains("does not exist")).count() == 1);
        }
    }
}
