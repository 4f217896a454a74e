package dev.chaosagent.benchmarks;

import java.util.Locale;

/** One measured figure beside its target, for the table and for latest.json. */
record Figure(String name, double value, String unit, String target, boolean met) {

    String json() {
        return String.format(Locale.ROOT, "{\"figure\": \"%s\", \"value\": %.2f, \"unit\": \"%s\", \"target\": \"%s\", \"met\": %s}",
                name, value, unit, target, met);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %.1f %s | %s | %s |", name, value, unit, target, met ? "yes" : "NO");
    }
}
