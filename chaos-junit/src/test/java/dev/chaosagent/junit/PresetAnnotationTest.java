package dev.chaosagent.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The typed annotations' {@code preset} attribute, its keys in {@code scope}, on a real JDBC driver. */
class PresetAnnotationTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static final String DB = "jdbc:h2:mem:junit-presets;DB_CLOSE_DELAY=-1";

    @Test
    void aPresetRuleActsOnTheStatementsItsScopeNames() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(OrdersDown.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(SEEN).containsExactly(
                "rules [name=orders-down preset=jdbc exception=java.sql.SQLTransientConnectionException message=\"chaos: orders down\""
                        + " sql.table=orders, name=slow-inserts preset=jdbc latency=1ms sql.type=insert]",
                "albums: 0 rows",
                "orders: SQLTransientConnectionException chaos: orders down",
                "calls 1");
        assertThat(ChaosExtensionTest.engine().ruleNames()).isEmpty();
    }

    /** Fixture: run through the TestKit above. */
    @EnableChaos
    static class OrdersDown {

        @BeforeAll
        static void createTables() throws SQLException {
            try (Connection connection = DriverManager.getConnection(DB); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS orders (id INT)");
                statement.execute("CREATE TABLE IF NOT EXISTS albums (id INT)");
            }
        }

        @Test
        @InjectException(name = "orders-down", preset = "jdbc", scope = "sql.table=orders", type = SQLTransientConnectionException.class,
                message = "chaos: orders down")
        @InjectLatency(name = "slow-inserts", preset = "jdbc", scope = "sql.type=insert", value = "1ms")
        void ordersFailAlbumsDoNot() throws SQLException {
            SEEN.add("rules " + ChaosExtensionTest.engine().rules().stream().map(Object::toString).sorted().toList());
            try (Connection connection = DriverManager.getConnection(DB)) {
                try (PreparedStatement albums = connection.prepareStatement("SELECT * FROM albums"); ResultSet rows = albums.executeQuery()) {
                    SEEN.add("albums: " + (rows.next() ? "rows" : "0 rows"));
                }
                try (PreparedStatement orders = connection.prepareStatement("SELECT * FROM Orders")) {
                    orders.executeQuery();
                    SEEN.add("orders: ran");
                } catch (SQLException e) {
                    SEEN.add("orders: " + e.getClass().getSimpleName() + " " + e.getMessage());
                }
            }
            SEEN.add("calls " + ChaosExtensionTest.engine().calls("orders-down"));
        }
    }
}
