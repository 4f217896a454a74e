package dev.chaosagent.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The engine for people: a headline, then a table of every rule with its state, counters and time left. */
final class DescribeTable {

    private DescribeTable() {
    }

    /** @param presetMethods for each preset rule, the methods it is bound to: listed under the table */
    static String of(boolean masterSwitch, Collection<ActiveRule> rules, long totalInjections, Map<ActiveRule, List<String>> presetMethods) {
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
        for (Map.Entry<ActiveRule, List<String>> preset : presetMethods.entrySet()) {
            List<String> methods = preset.getValue();
            out.append(preset.getKey().name).append(": preset ").append(preset.getKey().rule.preset().name())
                    .append(methods.isEmpty() ? " binds no method yet" : " binds " + plural(methods.size(), "method") + ":");
            for (Map.Entry<String, Set<String>> type : byClass(methods).entrySet()) {
                out.append("\n    ").append(type.getKey()).append('#').append(String.join(",", type.getValue()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The method names of each class, from signatures: a preset binds dozens of overloads, a reader wants the classes. */
    private static Map<String, Set<String>> byClass(List<String> signatures) {
        Map<String, Set<String>> classes = new TreeMap<>();
        for (String signature : signatures) {
            int hash = signature.indexOf('#');
            classes.computeIfAbsent(signature.substring(0, hash), type -> new TreeSet<>())
                    .add(signature.substring(hash + 1, signature.indexOf('(', hash)));
        }
        return classes;
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
