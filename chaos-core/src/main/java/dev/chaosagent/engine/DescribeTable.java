package dev.chaosagent.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The engine for people: a headline, then a table of every rule with its state, counters and time left. */
final class DescribeTable {

    private DescribeTable() {
    }

    static String of(boolean masterSwitch, Collection<ActiveRule> rules, long totalInjections) {
        StringBuilder out = new StringBuilder();
        out.append("chaos-agent: master switch ").append(masterSwitch ? "on" : "off").append(", ")
                .append(plural(rules.size(), "rule")).append(", ")
                .append(plural(totalInjections, "injection")).append(" in all\n");
        if (rules.isEmpty()) {
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        boolean dryRun = rules.stream().anyMatch(active -> active.gate.isDryRun());
        rows.add(new String[] {"NAME", "STATE", "CALLS", dryRun ? "INJECTIONS (WOULD INJECT)" : "INJECTIONS", "TTL LEFT", "RULE"});
        long now = System.nanoTime();
        for (ActiveRule active : rules) {
            long ttl = active.rule.triggers().ttlNanos();
            String left = ttl == 0 ? "-" : formatLeft(active.addedAtNanos + ttl - now);
            String injections = Long.toString(active.injections()) + (dryRun ? " (" + active.wouldInject() + ")" : "");
            rows.add(new String[] {active.name, active.state().label(), Long.toString(active.calls()),
                    injections, left, active.rule.toSpec()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code 1 rule}, {@code 2 rules}: the engine's messages count this way too. */
    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String formatLeft(long nanos) {
        long seconds = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos));
        return seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
