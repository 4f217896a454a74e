package dev.chaosagent.preset.jdbc;

import dev.chaosagent.scope.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code jdbc} preset's keys see of one SQL text, all in lower case (SQL matching ignores
 * case): its type, the tables it names (schema-qualified as written, quotes removed) and the text.
 */
public final class SqlStatement {

    private final String type;
    private final List<String> tables;
    /** Each table as written and, when qualified, its last part: what {@code sql.table} compares. */
    private final String[] names;
    private final String text;

    /**
     * @param type   {@code select}, {@code insert}, {@code update}, {@code delete}, {@code merge},
     *               {@code call}, {@code ddl} or {@code other}
     * @param tables each table once, in the order first named
     */
    public SqlStatement(String type, List<String> tables, String text) {
        this.type = type;
        this.tables = List.copyOf(tables);
        this.text = text;
        List<String> all = new ArrayList<>(tables);
        for (String table : tables) {
            int dot = table.lastIndexOf('.');
            if (dot >= 0) {
                all.add(table.substring(dot + 1));
            }
        }
        this.names = all.toArray(new String[0]);
    }

    public String type() {
        return type;
    }

    public List<String> tables() {
        return tables;
    }

    public String text() {
        return text;
    }

    /** Whether a table, by its name as written ({@code public.orders}) or its last part ({@code orders}), matches. */
    boolean namesTable(Glob pattern) {
        for (String name : names) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return type + " " + tables;
    }
}
