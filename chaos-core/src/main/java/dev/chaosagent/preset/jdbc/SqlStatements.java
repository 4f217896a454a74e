package dev.chaosagent.preset.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SqlClassifier} once per statement text: an application runs the same few hundred texts
 * over and over (prepared statements above all), so a call finds its classification by a map
 * lookup, allocation-free. Bounded: an application that builds texts with literals in them would
 * grow it without end, so when full it starts afresh.
 */
final class SqlStatements {

    static final int CAPACITY = 2048;

    private final ConcurrentHashMap<String, SqlStatement> known = new ConcurrentHashMap<>();

    SqlStatement of(String sql) {
        SqlStatement statement = known.get(sql);
        if (statement == null) {
            statement = SqlClassifier.classify(sql);
            if (known.size() >= CAPACITY) {
                known.clear();
            }
            known.put(sql, statement);
        }
        return statement;
    }

    int size() {
        return known.size();
    }
}
