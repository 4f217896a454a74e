package dev.chaosagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import java.lang.management.ManagementFactory;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A preset rule in the engine, called the way its woven code calls it: with the operand it reads.
 * It binds the preset's methods, acts on the operations in scope only, counts a statement that
 * passes through a pool's proxy into the driver once, and costs no allocation when out of scope.
 */
class PresetBindingTest {

    private static final Set<String> STATEMENT = Set.of("java.sql.Statement", "java.lang.AutoCloseable", "java.lang.Object");

    private final ChaosEngine engine = ChaosEngine.create();
    private final List<ChaosEvent> events = new ArrayList<>();
    private final int proxy = register("com.zaxxer.hikari.pool.HikariProxyStatement");
    private final int driver = register("org.h2.jdbc.JdbcStatement");
    private final int unrelated = SiteTable.of(engine).register(new WovenMethod("com.acme.Repo", "executeQuery", List.of("java.lang.String"),
            "java.sql.ResultSet", List.of("java.sql.SQLException"), Set.of("java.lang.Object"), false));

    PresetBindingTest() {
        engine.addListener(events::add);
    }

    private int register(String className) {
        return SiteTable.of(engine).register(new WovenMethod(className, "executeQuery", List.of("java.lang.String"), "java.sql.ResultSet",
                List.of("java.sql.SQLException"), STATEMENT, false));
    }

    @Test
    void theRuleActsOnTheStatementsInScopeOncePerStatement() throws Throwable {
        engine.add("name=orders-down preset=jdbc sql.table=orders");

        assertThatThrownBy(() -> execute(proxy, driver, "SELECT * FROM orders o JOIN albums a ON a.id = o.album"))
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(execute(proxy, driver, "SELECT * FROM albums")).isNull();
        assertThat(execute(proxy, driver, "select 1 from dual where 'orders' = ?")).isNull();
        assertThat(SiteTable.of(engine).enter(unrelated, "SELECT * FROM orders", 0, null, 0, null, 0, null)).isNull();

        assertThat(engine.calls("orders-down")).as("the proxy's call and the driver's inside it: one statement").isEqualTo(1);
        assertThat(engine.boundMethods("orders-down")).containsExactly(
                "com.zaxxer.hikari.pool.HikariProxyStatement#executeQuery(java.lang.String)",
                "org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)");
        assertThat(events).filteredOn(event -> event.type() == ChaosEvent.Type.BOUND).extracting(ChaosEvent::message).contains(
                "rule orders-down (preset jdbc) bound org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)");
        assertThat(engine.describe()).contains("orders-down: preset jdbc binds 2 methods:",
                "    com.zaxxer.hikari.pool.HikariProxyStatement#executeQuery", "    org.h2.jdbc.JdbcStatement#executeQuery");
    }

    @Test
    void aCallOutOfScopeAllocatesNothing() throws Throwable {
        engine.add("name=orders-down preset=jdbc sql.type=select sql.table=orders");
        String sql = "SELECT title FROM albums WHERE id = ?";
        for (int i = 0; i < 20_000; i++) {
            execute(proxy, driver, sql);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            execute(proxy, driver, sql);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 100,000 statements out of scope").isLessThan(100_000);
        assertThat(engine.calls("orders-down")).isZero();
    }

    /** A statement through a pool: the proxy's method, and inside it the driver's, each woven. */
    private Object execute(int outer, int inner, String sql) throws Throwable {
        SiteTable sites = SiteTable.of(engine);
        Object entered = sites.enter(outer, sql, 0, null, 0, null, 0, null);
        if (!(entered instanceof OpenCall)) {
            return entered;
        }
        Object innerEntered = sites.enter(inner, sql, 0, null, 0, null, 0, null);
        if (innerEntered instanceof OpenCall) {
            sites.exit(innerEntered, true);
        }
        return sites.exit(entered, true);
    }
}
