package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preset rule through the plan file and the CLI, the journal's account of what it bound, and a
 * preset in a JVM without its library: it binds nothing and says so once.
 */
class PresetDoorsIT {

    @TempDir
    Path dir;

    @Test
    void aPlansPresetRuleActsOnTheDriverAndTheJournalListsWhatItBound() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-reports
                    preset: jdbc
                    sql.type: select
                    sql.text: "*from reports*"
                    exception: java.sql.SQLTimeoutException
                    message: "chaos: report timed out"
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",journal=" + journal)) {
            assertThat(shop.result("sql SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES")).startsWith("ok ");
            assertThat(shop.result("sql select count(*) FROM Reports")).isEqualTo("err java.sql.SQLTimeoutException: chaos: report timed out");

            assertThat(Files.readString(journal)).contains("\"event\":\"bound\"",
                    "rule slow-reports (preset jdbc) bound org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)");
            assertThat(shop.stderrText()).doesNotContain("binds nothing");

            Plans.swap(plan, "rules: []\n");
            shop.awaitStderr("original bytecode restored");
            assertThat(shop.result("sql select count(*) FROM Reports")).startsWith("err org.h2.jdbc.JdbcSQLSyntaxErrorException");
        }
    }

    @Test
    void theCliAddsAPresetRuleAndListsTheMethodsItBinds() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgent("")) {
            String pid = Long.toString(shop.pid());
            assertThat(shop.result("sql SELECT 1")).isEqualTo("ok 1");

            CliIT.Run add = CliIT.cli("add", pid, "name=no-selects preset=jdbc sql.type=select exception=java.sql.SQLException");
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(shop.result("sql SELECT 1")).isEqualTo("err java.sql.SQLException: injected by chaos-agent");

            CliIT.Run rules = CliIT.cli("rules", pid);
            assertThat(rules.out()).contains("name=no-selects preset=jdbc exception=java.sql.SQLException sql.type=select",
                    "no-selects: preset jdbc binds", "org.h2.jdbc.JdbcStatement#execute,executeBatch,");

            CliIT.Run bad = CliIT.cli("add", pid, "preset=jdbc sql.tabel=orders");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("sql.tabel: \"orders\" is not a key of preset jdbc (expected one of sql.type, sql.table, sql.text");
            CliIT.Run both = CliIT.cli("add", pid, "preset=jdbc target=java.sql.Statement+#execute latency=1ms");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).contains("preset: \"jdbc\" cannot be used with target (expected either target=CLASS#METHOD or preset=NAME)");
        }
    }

    @Test
    void withoutAJdbcDriverTheRuleBindsNothingAndSaysSoOnce() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path plan = Plans.write(dir, """
                rules:
                  - name: orders-down
                    preset: jdbc
                    sql.table: orders
                """);
        try (ForkedJvm shop = ForkedJvm.withLibraries("config=" + plan + ",journal=" + journal, List.of())) {
            String line = shop.awaitStderr("preset jdbc binds nothing");
            assertThat(line).isEqualTo("chaos-agent: WARN rule orders-down: preset jdbc binds nothing in this JVM: a JDBC driver is not on"
                    + " the class path (no META-INF/services/java.sql.Driver); it will bind if one loads");
            assertThat(shop.result("stock")).startsWith("ok ");
            PresetJdbcIT.addRule(shop, "name=slow-stock target=com.example.shop.WarehouseStore#stock latency=1ms");

            assertThat(shop.stderr().stream().filter(l -> l.contains("binds nothing"))).as("said once").hasSize(1);
            assertThat(Files.readAllLines(journal).stream().filter(l -> l.contains("\"event\":\"unbound\""))).hasSize(1);
            assertThat(shop.result("describe")).contains("orders-down: preset jdbc binds no method yet");
        }
    }
}
