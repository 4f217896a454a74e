package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call a user makes is one eligible call, whatever stands between the caller and the method a
 * rule targets: a reflection proxy, a CGLIB-style subclass, an override calling {@code super}, a
 * javac bridge. With {@code every=2}, a call counted twice would be injected every time.
 */
class OneLogicalCallIT {

    @TempDir
    Path dir;

    @Test
    void proxiesSubclassesAndBridgesNeverMakeOneCallTwo() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: every-other-stock
                    target: com.example.shop.Store+#stock
                    exception: java.lang.IllegalStateException
                    every: 2
                  - name: every-other-price
                    target: com.example.shop.Pricing+#price
                    exception: java.lang.IllegalStateException
                    every: 2
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            for (String path : new String[] {"stock", "proxyStock", "auditedStock", "cglibStock", "price abbey-road"}) {
                StringBuilder outcomes = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    outcomes.append(shop.result(path).startsWith("ok") ? 'o' : 'x');
                }
                assertThat(outcomes).as("every other call of " + path + " fails").hasToString("oxoxox");
            }
            assertThat(shop.result("audits")).as("the override ran once for each call not injected").isEqualTo("ok 3");
            assertThat(shop.result("describe")).containsPattern("every-other-stock +armed +24 +12 ")
                    .containsPattern("every-other-price +armed +6 +3 ");
        }
    }

    @Test
    void aNestedCallOfAnotherMethodOfTheSameRuleBelongsToTheOuterCall() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-audit
                    target: com.example.shop.*Store#stock
                    latency: 200ms
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.millis("auditedStock")).isGreaterThanOrEqualTo(200);
            assertThat(shop.result("describe")).as("AuditedStore#stock and the WarehouseStore#stock it calls: one call")
                    .containsPattern("slow-audit +armed +1 +1 ");
        }
    }
}
