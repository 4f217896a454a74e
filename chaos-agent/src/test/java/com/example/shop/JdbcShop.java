package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shop's database, as the jdbc preset's tests drive it ({@code db ACTION ARGUMENT}): through a
 * HikariCP pool or straight to the driver, by plain, prepared and callable statements, batches, and
 * Spring's {@code JdbcTemplate}. Loaded only by the {@code db} command, so the shop runs without
 * these libraries when no test asks for them.
 */
final class JdbcShop {

    private static DataSource dataSource;

    private JdbcShop() {
    }

    static Object run(String argument) throws Exception {
        int space = argument.indexOf(' ');
        String action = space < 0 ? argument : argument.substring(0, space);
        String sql = space < 0 ? "" : argument.substring(space + 1);
        return switch (action) {
            case "pool" -> {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(sql);
                config.setMaximumPoolSize(2);
                dataSource = new HikariDataSource(config);
                yield "pooled";
            }
            case "direct" -> {
                dataSource = new DriverManagerDataSource(sql);
                yield "direct";
            }
            case "close" -> {
                if (dataSource instanceof HikariDataSource pool) {
                    pool.close();
                }
                yield "closed";
            }
            case "exec" -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                    yield "done";
                }
            }
            case "select" -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(sql)) {
                    yield count(rows);
                }
            }
            case "query" -> {
                try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
                     ResultSet rows = statement.executeQuery()) {
                    yield count(rows);
                }
            }
            case "update" -> {
                try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
                    yield statement.executeUpdate() + " rows";
                }
            }
            case "batch" -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    for (String one : sql.split(";")) {
                        statement.addBatch(one);
                    }
                    yield statement.executeBatch().length + " statements";
                }
            }
            case "call" -> {
                try (Connection connection = dataSource.getConnection(); CallableStatement statement = connection.prepareCall(sql)) {
                    statement.execute();
                    yield "called";
                }
            }
            case "template" -> new JdbcTemplate(dataSource).queryForList(sql).size() + " rows";
            case "templateUpdate" -> new JdbcTemplate(dataSource).update(sql, new Object[0]) + " rows";
            default -> throw new IllegalArgumentException("no db action " + action);
        };
    }

    private static String count(ResultSet rows) throws Exception {
        int count = 0;
        while (rows.next()) {
            count++;
        }
        return count + " rows";
    }
}
