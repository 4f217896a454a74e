package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code preset=jdbc} against H2, through HikariCP and Spring's JdbcTemplate and straight to the
 * driver, at the oldest and the newest versions of each library: the fault reaches exactly the
 * statements in scope, each statement is one call however many statement objects it passes
 * through, and removing the rule gives every statement back.
 */
class PresetJdbcIT {

    private static final String DB = "jdbc:h2:mem:store;DB_CLOSE_DELAY=-1";
    private static final String CHAOS = "err java.sql.SQLTransientConnectionException: injected by chaos-agent";
    private static final String SPRING_TRANSIENT = "org.springframework.dao.TransientDataAccessResourceException";

    @ParameterizedTest(name = "{0} versions")
    @ValueSource(strings = {"oldest", "newest"})
    void aTableRuleFailsTheStatementsOnThatTableAndNoOthersThroughThePool(String versions) throws Exception {
        try (ForkedJvm shop = ForkedJvm.withLibraries("", JdbcLibraries.at(versions))) {
            assertThat(shop.result("db pool " + DB)).isEqualTo("ok pooled");
            createTables(shop);
            addRule(shop, "name=orders-down preset=jdbc sql.table=orders");

            assertThat(shop.result("db query SELECT id FROM orders")).isEqualTo(CHAOS);
            assertThat(shop.result("db select SELECT id FROM orders WHERE id = 1")).isEqualTo(CHAOS);
            assertThat(shop.result("db query SELECT a.id FROM albums a JOIN \"PUBLIC\".\"ORDERS\" o ON o.id = a.id")).isEqualTo(CHAOS);
            assertThat(shop.result("db template select * from Orders")).as("Spring translates the driver's exception, as for a real outage")
                    .startsWith("err " + SPRING_TRANSIENT).endsWith("; injected by chaos-agent");
            assertThat(shop.result("db templateUpdate UPDATE orders SET total = 2"))
                    .startsWith("err " + SPRING_TRANSIENT).endsWith("; injected by chaos-agent");
            assertThat(shop.result("db update INSERT INTO orders VALUES (3, 30)")).isEqualTo(CHAOS);
            assertThat(shop.result("db batch INSERT INTO orders VALUES (4, 40)")).isEqualTo(CHAOS);

            assertThat(shop.result("db query SELECT id FROM albums")).isEqualTo("ok 2 rows");
            assertThat(shop.result("db select SELECT o.id FROM albums o")).as("an alias is not a table").isEqualTo("ok 2 rows");
            assertThat(shop.result("db template SELECT * FROM albums WHERE title = 'orders'")).isEqualTo("ok 0 rows");
            assertThat(shop.result("db templateUpdate UPDATE albums SET title = 'x' WHERE id = 1")).isEqualTo("ok 1 rows");

            assertThat(shop.result("jmx calls orders-down")).as("one call per statement, through the pool's proxy").isEqualTo("ok 7");
            assertThat(shop.result("jmx injections orders-down")).isEqualTo("ok 7");
            assertThat(shop.result("describe")).contains("preset=jdbc exception=java.sql.SQLTransientConnectionException sql.table=orders",
                    "orders-down: preset jdbc binds", "com.zaxxer.hikari.pool.HikariProxyPreparedStatement#execute,executeBatch,",
                    "org.h2.jdbc.JdbcPreparedStatement#execute,executeBatch,");

            assertThat(shop.result("jmx removeRule orders-down")).isEqualTo("ok true");
            assertThat(shop.result("db query SELECT id FROM orders")).isEqualTo("ok 2 rows");
            assertThat(shop.result("db template select * from Orders")).isEqualTo("ok 2 rows");
        }
    }

    @ParameterizedTest(name = "{0} versions")
    @ValueSource(strings = {"oldest", "newest"})
    void aTypeRuleActsOnThatKindOfStatementStraightToTheDriver(String versions) throws Exception {
        try (ForkedJvm shop = ForkedJvm.withLibraries("", JdbcLibraries.at(versions))) {
            assertThat(shop.result("db direct " + DB)).isEqualTo("ok direct");
            createTables(shop);
            addRule(shop, "name=no-writes preset=jdbc sql.type=insert exception=java.sql.SQLException message=\"chaos: read only\"");

            assertThat(shop.result("db update INSERT INTO albums VALUES (5, 'five')")).isEqualTo("err java.sql.SQLException: chaos: read only");
            assertThat(shop.result("db templateUpdate insert into albums values (6, 'six')"))
                    .startsWith("err org.springframework.jdbc.UncategorizedSQLException: PreparedStatementCallback").endsWith("; chaos: read only");
            assertThat(shop.result("db exec /* insert into */ UPDATE albums SET title = 'insert' WHERE id = 2")).isEqualTo("ok done");
            assertThat(shop.result("db template SELECT * FROM albums")).isEqualTo("ok 2 rows");
            assertThat(shop.result("jmx calls no-writes")).isEqualTo("ok 2");
        }
    }

    private static void createTables(ForkedJvm shop) {
        assertThat(shop.result("db exec CREATE TABLE orders (id INT PRIMARY KEY, total INT)")).isEqualTo("ok done");
        assertThat(shop.result("db exec CREATE TABLE albums (id INT PRIMARY KEY, title VARCHAR(40))")).isEqualTo("ok done");
        assertThat(shop.result("db exec INSERT INTO orders VALUES (1, 10), (2, 20)")).isEqualTo("ok done");
        assertThat(shop.result("db exec INSERT INTO albums VALUES (1, 'one'), (2, 'two')")).isEqualTo("ok done");
    }

    /** Adds a rule over JMX, once the agent's MXBean is registered (which it does off the start-up path). */
    static void addRule(ForkedJvm shop, String spec) {
        String name = spec.substring(5, spec.indexOf(' '));
        Awaitility.await("the agent's MXBean").atMost(Duration.ofSeconds(20))
                .until(() -> shop.result("jmx addRule " + spec), answer -> answer.equals("ok " + name));
    }
}
