package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fault, at entry and at exit, in a real JVM started with {@code -javaagent}. */
class FaultsIT {

    @TempDir
    Path dir;

    @Test
    void exceptionsReturnsAndLatencyAtEntry() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: broken-fetch
                    target: com.example.shop.Catalog#fetch
                    exception: java.io.IOException
                    message: "chaos: connection reset"
                  - name: wrong-count
                    target: com.example.shop.Catalog#count
                    returns: 42
                  - name: no-name
                    target: com.example.shop.Catalog#name
                    returns: null
                  - name: slow-stock
                    target: com.example.shop.WarehouseStore#stock
                    latency: 300ms
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("fetch 7")).isEqualTo("err java.io.IOException: chaos: connection reset");
            assertThat(shop.result("count")).isEqualTo("ok 42");
            assertThat(shop.result("name")).isEqualTo("ok null");
            assertThat(shop.millis("stock")).isGreaterThanOrEqualTo(300);
            assertThat(shop.result("stock")).isEqualTo("ok 100");
        }
    }

    @Test
    void atExitTheBodyHasRunBeforeTheFaultActs() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: lost-ack
                    target: com.example.shop.Catalog#save
                    exception: java.io.IOException
                    message: "chaos: ack lost"
                    at: exit
                  - name: lie
                    target: com.example.shop.Catalog#count
                    returns: 13
                    at: exit
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("save a")).isEqualTo("err java.io.IOException: chaos: ack lost");
            assertThat(shop.result("save b")).isEqualTo("err java.io.IOException: chaos: ack lost");
            assertThat(shop.result("saves")).as("both saves happened; their callers were told otherwise").isEqualTo("ok 2");
            assertThat(shop.result("count")).isEqualTo("ok 13");
        }
    }

    @Test
    void triggersSelectWhichCallsAreInjected() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: every-third
                    target: com.example.shop.Catalog#count
                    returns: 0
                    after: 1
                    every: 3
                    limit: 2
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            StringBuilder results = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                results.append(shop.result("count").substring(3));
            }
            assertThat(results).hasToString("555055055555");
            shop.awaitStderr("rule every-third reached its limit of 2 injections");
        }
    }

    @Test
    void subtypesAreFoundIncludingClassesLoadedLater() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: empty-shelves
                    target: com.example.shop.Store+#stock
                    returns: 0
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("stock")).isEqualTo("ok 0");
            assertThat(shop.result("late")).as("LateStore loads after the rule was added").isEqualTo("ok 0");
        }
    }

    @Test
    void aCheckedExceptionIsRefusedWhereTheMethodDoesNotDeclareIt() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: io
                    target: com.example.shop.Catalog#save*
                    exception: java.io.IOException
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("saveQuietly x")).isEqualTo("ok done");
            assertThat(shop.result("save x")).startsWith("err java.io.IOException");
            assertThat(shop.awaitStderr("chaos-agent:", "rule io does not apply to com.example.shop.Catalog#saveQuietly(java.lang.String)"))
                    .contains("java.io.IOException is a checked exception that");
        }
    }

    @Test
    void resourceFaultsLeakForRealUntilTheirRuleEnds() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: leak
                    target: com.example.shop.Catalog#count
                    threads: 2
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            shop.result("count");
            shop.result("count");
            assertThat(shop.result("describe")).contains("leak", "armed", "2  ");
            Plans.swap(plan, "rules: []\n");
            shop.awaitStderr("rule leak removed: no longer in the plan (2 injections in 2 calls)");
        }
    }
}
