package dev.chaosagent.preset.jdbc;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.preset.Recorder;
import dev.chaosagent.preset.WeakIdentityMemory;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.scope.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code preset=jdbc}: one execution of a SQL statement, by any JDBC driver, behind a pool or not.
 * It binds the {@code execute*} methods of every {@link java.sql.Statement} (a pool's proxy and the
 * driver's statement alike: the proxy's call is the operation, the driver's call inside it is part
 * of it). A plain statement's SQL is the call's first parameter; a prepared or callable statement's
 * is remembered from the {@code Connection.prepareStatement}/{@code prepareCall} that returned it
 * (a statement prepared before the first jdbc rule came is unknown, so out of the scope of the
 * {@code sql.*} keys), and a plain statement's batch is known by its last {@code addBatch(String)}.
 */
public final class JdbcPreset extends Preset {

    public static final JdbcPreset INSTANCE = new JdbcPreset();

    static final List<String> TYPES = List.of("select", "insert", "update", "delete", "merge", "call", "ddl", "other");
    private static final String DEFAULT_EXCEPTION = "java.sql.SQLTransientConnectionException";

    private final WeakIdentityMemory preparedSql = new WeakIdentityMemory();
    private final SqlStatements statements = new SqlStatements();
    private final List<PresetMethod> methods;
    private final List<Recorder> recorders;
    private final List<PresetKey> keys = List.of(new TypeKey(), new TableKey(), new TextKey());

    private JdbcPreset() {
        super("jdbc");
        Operand sqlOrStatement = Operand.argumentOfType(0, "java.lang.String", Operand.receiver());
        List<PresetMethod> executes = new ArrayList<>();
        for (String name : List.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch")) {
            executes.add(PresetMethod.of("java.sql.Statement+#" + name, sqlOrStatement));
        }
        this.methods = List.copyOf(executes);
        this.recorders = List.of(
                Recorder.of("java.sql.Connection+#prepareStatement", Operand.returned(), Operand.argument(0), preparedSql),
                Recorder.of("java.sql.Connection+#prepareCall", Operand.returned(), Operand.argument(0), preparedSql),
                Recorder.of("java.sql.Statement+#addBatch(java.lang.String)", Operand.receiver(), Operand.argument(0), preparedSql));
    }

    @Override
    public List<PresetMethod> methods() {
        return methods;
    }

    @Override
    public List<Recorder> recorders() {
        return recorders;
    }

    @Override
    public PresetKey key(String key) {
        for (PresetKey known : keys) {
            if (known.name().equals(key)) {
                return known;
            }
        }
        return null;
    }

    @Override
    public List<String> keyNames() {
        return List.of("sql.type", "sql.table", "sql.text");
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return ExceptionFault.of(DEFAULT_EXCEPTION, null, loader);
    }

    /** The call's SQL classified: its parameter's text, or what was remembered of its statement. */
    @Override
    public Object operation(Object operand) {
        Object sql = operand instanceof String ? operand : operand == null ? null : preparedSql.get(operand);
        return sql instanceof String text ? statements.of(text) : null;
    }

    @Override
    public String library() {
        return "a JDBC driver";
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("META-INF/services/java.sql.Driver");
    }

    /** SQL patterns ignore case: the pattern is lower-cased here, the statement was when classified. */
    private abstract static class SqlKey implements PresetKey {
        @Override
        public Glob pattern(String value) {
            return Glob.of(value.toLowerCase(Locale.ROOT));
        }
    }

    private static final class TypeKey extends SqlKey {
        @Override
        public String name() {
            return "sql.type";
        }

        @Override
        public Glob pattern(String value) {
            Glob glob = super.pattern(value);
            for (String type : TYPES) {
                if (glob.matches(type)) {
                    return glob;
                }
            }
            throw new InvalidRuleException(name(), value, "matches no statement type (expected one of " + String.join(", ", TYPES) + ")");
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            return pattern.matches(((SqlStatement) operation).type());
        }
    }

    /** Any table the statement names, by its name as written ({@code public.orders}) or its last part ({@code orders}). */
    private static final class TableKey extends SqlKey {
        @Override
        public String name() {
            return "sql.table";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            return ((SqlStatement) operation).namesTable(pattern);
        }
    }

    private static final class TextKey extends SqlKey {
        @Override
        public String name() {
            return "sql.text";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            return pattern.matches(((SqlStatement) operation).text());
        }
    }
}
