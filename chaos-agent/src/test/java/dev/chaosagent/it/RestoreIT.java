package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is instrumented that no rule targets, and removing the last rule puts the original bytecode back. */
class RestoreIT {

    @TempDir
    Path dir;

    @Test
    void theOriginalBytecodeIsBackOnceNoRuleTargetsTheClass() throws Exception {
        Path plan = Plans.write(dir, "rules: []\n");
        try (ForkedJvm shop = ForkedJvm.withAgentAndCapture("config=" + plan)) {
            shop.result("count");
            shop.result("stock");
            String catalog = shop.result("shape com.example.shop.Catalog");
            assertThat(catalog).matches("ok [0-9a-f]{16}");
            String store = shop.result("shape com.example.shop.WarehouseStore");

            Plans.swap(plan, "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
            shop.awaitStderr("rule r added");
            org.awaitility.Awaitility.await().until(() -> shop.result("count").equals("ok 1"));
            assertThat(shop.result("shape com.example.shop.Catalog")).as("instrumented").isNotEqualTo(catalog);
            assertThat(shop.result("shape com.example.shop.WarehouseStore")).as("not targeted, untouched").isEqualTo(store);

            Plans.swap(plan, "rules:\n  - {name: s, target: com.example.shop.WarehouseStore#stock, returns: 1}\n");
            shop.awaitStderr("rule s added");
            // The engine reports the rule as it takes it; the classes are retransformed right after.
            org.awaitility.Awaitility.await().untilAsserted(() -> {
                assertThat(shop.result("shape com.example.shop.Catalog")).as("no longer targeted: restored").isEqualTo(catalog);
                assertThat(shop.result("shape com.example.shop.WarehouseStore")).as("now targeted").isNotEqualTo(store);
            });

            Plans.swap(plan, "rules: []\n");
            shop.awaitStderr("original bytecode restored");
            assertThat(shop.result("shape com.example.shop.Catalog")).isEqualTo(catalog);
            assertThat(shop.result("shape com.example.shop.WarehouseStore")).isEqualTo(store);
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    /** A class woven as it loaded is known to the transformer by name alone: the restore looks for it among the loaded classes. */
    @Test
    void aClassWovenAsItLoadedIsRestoredToo() throws Exception {
        Path plan = Plans.write(dir, "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
        try (ForkedJvm shop = ForkedJvm.withAgentAndCapture("config=" + plan);
             ForkedJvm plain = ForkedJvm.start(null, true, java.util.List.of())) {
            assertThat(shop.result("count")).isEqualTo("ok 1");
            String original = plain.result("shape com.example.shop.Catalog");
            assertThat(shop.result("shape com.example.shop.Catalog")).as("woven as it loaded").isNotEqualTo(original);

            Plans.swap(plan, "rules: []\n");
            shop.awaitStderr("original bytecode restored");
            assertThat(shop.result("shape com.example.shop.Catalog")).isEqualTo(original);
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    @Test
    void anIdleAgentTransformsNothingAndLeavesTheBootstrapPathAlone() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgentAndCapture("")) {
            try (ForkedJvm plain = ForkedJvm.start(null, true, java.util.List.of())) {
                assertThat(shop.result("shape com.example.shop.Catalog")).isEqualTo(plain.result("shape com.example.shop.Catalog"));
            }
            assertThat(shop.stderrText()).doesNotContain("Sharing is only supported").doesNotContain("WARN");
        }
    }
}
