package dev.chaosagent.preset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.preset.Presets;
import dev.chaosagent.preset.Recorder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the jdbc preset reads of a call: the SQL parameter, or what a recorder remembered of the statement. */
class JdbcPresetTest {

    private final JdbcPreset jdbc = JdbcPreset.INSTANCE;

    @Test
    void aTextIsClassifiedOnceAndFoundAgainWithoutWork() {
        Object first = jdbc.operation("SELECT * FROM orders WHERE id = ?");

        assertThat(jdbc.operation("SELECT * FROM orders WHERE id = ?")).isSameAs(first);
        assertThat(((SqlStatement) first).tables()).containsExactly("orders");
    }

    @Test
    void aPreparedStatementIsKnownByTheSqlItWasPreparedWith() {
        Object statement = new Object();
        Recorder prepare = jdbc.recorders().get(0);
        assertThat(prepare.method().toString()).isEqualTo("java.sql.Connection+#prepareStatement");
        assertThat(Presets.recorder(Presets.recorderId(prepare))).isSameAs(prepare);

        assertThat(jdbc.operation(statement)).as("a statement prepared before any rule").isNull();
        prepare.remember(new Object(), statement, "update \"Orders\" set total = 0");

        SqlStatement known = (SqlStatement) jdbc.operation(statement);
        assertThat(known.type()).isEqualTo("update");
        assertThat(known.tables()).containsExactly("orders");
    }

    @Test
    void theCacheIsBounded() {
        SqlStatements statements = new SqlStatements();
        for (int i = 0; i < SqlStatements.CAPACITY * 3; i++) {
            statements.of("SELECT * FROM orders WHERE id = " + i);
        }
        assertThat(statements.size()).isBetween(1, SqlStatements.CAPACITY);
    }

    @Test
    void itBindsEveryExecuteOfEveryStatementAndNothingElse() {
        List<String> methods = jdbc.methods().stream().map(method -> method.method().toString()).toList();

        assertThat(methods).containsExactly("java.sql.Statement+#execute", "java.sql.Statement+#executeQuery",
                "java.sql.Statement+#executeUpdate", "java.sql.Statement+#executeLargeUpdate", "java.sql.Statement+#executeBatch",
                "java.sql.Statement+#executeLargeBatch");
        assertThat(jdbc.methods().get(0).operand().index(List.of("java.lang.String", "int"))).isZero();
        assertThat(jdbc.methods().get(0).operand().index(List.of())).as("PreparedStatement#execute(): the statement").isEqualTo(-1);
    }
}
