package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code preset=jdbc} against a real PostgreSQL server through pgjdbc, behind HikariCP and Spring's
 * JdbcTemplate, at the oldest and the newest versions of each library. The server is Debian's
 * {@code postgresql} package, which {@code .ci/run} installs; without it the test says so and is skipped.
 */
class PresetPostgresIT {

    private static final String CHAOS = "err java.sql.SQLTransientConnectionException: injected by chaos-agent";
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Optional<Path> binaries = PostgresServer.binaries();
        if (binaries.isEmpty()) {
            String why = "no PostgreSQL server binaries (initdb) on the PATH or under /usr/lib/postgresql: install Debian's postgresql"
                    + " package (.ci/run does) to run the jdbc preset's PostgreSQL tests";
            System.out.println("PresetPostgresIT skipped: " + why);
            Assumptions.abort(why);
        }
        postgres = PostgresServer.start(binaries.get());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "{0} versions")
    @ValueSource(strings = {"oldest", "newest"})
    void aTableRuleFailsExactlyTheStatementsOnThatTableThroughThePool(String versions) throws Exception {
        String orders = versions + "_orders";
        String albums = versions + "_albums";
        try (ForkedJvm shop = ForkedJvm.withLibraries("", JdbcLibraries.at(versions))) {
            assertThat(shop.result("db pool " + postgres.url())).isEqualTo("ok pooled");
            assertThat(shop.result("db exec DROP TABLE IF EXISTS " + orders + ", " + albums)).isEqualTo("ok done");
            assertThat(shop.result("db exec CREATE TABLE " + orders + " (id INT PRIMARY KEY, total INT)")).isEqualTo("ok done");
            assertThat(shop.result("db exec CREATE TABLE " + albums + " (id INT PRIMARY KEY, title TEXT)")).isEqualTo("ok done");
            assertThat(shop.result("db exec INSERT INTO " + orders + " VALUES (1, 10), (2, 20)")).isEqualTo("ok done");
            assertThat(shop.result("db exec INSERT INTO " + albums + " VALUES (1, 'one'), (2, 'two')")).isEqualTo("ok done");
            PresetJdbcIT.addRule(shop, "name=orders-down preset=jdbc sql.table=" + orders);

            assertThat(shop.result("db query SELECT id FROM " + orders + " WHERE id > 0")).isEqualTo(CHAOS);
            assertThat(shop.result("db select SELECT o.id FROM public." + orders + " o")).isEqualTo(CHAOS);
            assertThat(shop.result("db query SELECT a.title FROM " + albums + " a JOIN \"" + orders + "\" o USING (id)")).isEqualTo(CHAOS);
            assertThat(shop.result("db template SELECT * FROM " + orders)).endsWith("; injected by chaos-agent");
            assertThat(shop.result("db templateUpdate UPDATE " + orders + " SET total = 3")).endsWith("; injected by chaos-agent");
            assertThat(shop.result("db update INSERT INTO " + orders + " VALUES (3, 30) ON CONFLICT (id) DO UPDATE SET total = 0"))
                    .isEqualTo(CHAOS);
            assertThat(shop.result("db batch DELETE FROM " + orders + " WHERE id = 1")).isEqualTo(CHAOS);

            assertThat(shop.result("db query SELECT * FROM " + albums)).isEqualTo("ok 2 rows");
            assertThat(shop.result("db select SELECT $$ FROM " + orders + " $$ FROM " + albums)).as("a dollar-quoted string is no table")
                    .isEqualTo("ok 2 rows");
            assertThat(shop.result("db template SELECT * FROM " + albums + " WHERE title <> '" + orders + "'")).isEqualTo("ok 2 rows");
            assertThat(shop.result("db templateUpdate UPDATE " + albums + " SET title = 'x' WHERE id = 1")).isEqualTo("ok 1 rows");

            assertThat(shop.result("jmx calls orders-down")).as("one call per statement, through the pool's proxy and pgjdbc").isEqualTo("ok 7");
            assertThat(shop.result("jmx injections orders-down")).isEqualTo("ok 7");
            assertThat(shop.result("describe")).contains("org.postgresql.jdbc.PgPreparedStatement#", "org.postgresql.jdbc.PgStatement#",
                    "com.zaxxer.hikari.pool.HikariProxyPreparedStatement#");

            assertThat(shop.result("jmx removeRule orders-down")).isEqualTo("ok true");
            assertThat(shop.result("db query SELECT id FROM " + orders)).isEqualTo("ok 2 rows");
            assertThat(shop.result("db template SELECT * FROM " + orders)).isEqualTo("ok 2 rows");
            assertThat(shop.result("db close")).isEqualTo("ok closed");
        }
    }
}
