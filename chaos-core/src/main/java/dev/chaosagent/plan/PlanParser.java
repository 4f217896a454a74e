package dev.chaosagent.plan;

import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML plan ({@code name}, {@code expires}, {@code select}, {@code enabled}, {@code seed},
 * {@code rules}, and an experiment's keys: see {@link ExperimentParser}). A plan is checked whole: every
 * problem is collected and the plan is refused if there is any, so that a half-good plan never
 * runs. Unnamed rules are named by position ({@code rule-1}, ...), which stays stable across reloads.
 */
public final class PlanParser {

    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("name", "expires", "select", "enabled", "seed", "rules",
            "hypothesis", "abort", "phases", "dryRun");
    private static final Set<String> SELECT_KEYS = Set.of("pods", "names", "labels");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SHARE = Pattern.compile("(\\d{1,3})(?:\\.(\\d{1,2}))?%");

    private final RuleParser rules;

    public PlanParser(RuleParser rules) {
        this.rules = rules;
    }

    public Plan parse(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidPlanException(file.toString(), List.of("the file is larger than 1 MB (expected a plan of rules)"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPlanException(file.toString(), List.of("cannot be read (" + describe(e) + ")"));
        }
        return parse(text, file.toString());
    }

    /** @param source where the text came from, for messages (a path) */
    public Plan parse(String text, String source) {
        Object document = text.length() <= MAX_BYTES ? PlainYaml.read(text) : PlainYaml.DECLINED;
        if (document == PlainYaml.DECLINED) {
            document = SafeYaml.load(text, source, (int) MAX_BYTES);
        }
        if (document == null) {
            return new Plan(null, true, null, null, Selection.EVERY, List.of());
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new InvalidPlanException(source, List.of("is not a plan (expected a map with enabled, seed and rules)"));
        }
        List<String> problems = new ArrayList<>();
        for (Object key : top.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(key + ": is not a plan key (expected name, expires, select, enabled, seed,"
                        + " rules, hypothesis, abort, phases or dryRun)");
            }
        }
        String name = readName(top.get("name"), problems);
        Instant expires = readExpires(top.get("expires"), problems);
        Selection selection = readSelection(top.get("select"), name, problems);
        boolean enabled = readEnabled(top.get("enabled"), problems);
        Long seed = readSeed(top.get("seed"), problems);
        List<Rule> parsed = readRules(top.get("rules"), problems);
        ExperimentSpec experiment = ExperimentParser.read(top, name, parsed, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source, problems);
        }
        return new Plan(name, enabled, seed, expires, selection, parsed, experiment);
    }

    private static String readName(Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name && NAME.matcher(name).matches()) {
            return name;
        }
        problems.add("name: \"" + value + "\" is not a plan name (expected letters, digits, '.', '_' or '-', like checkout-latency)");
        return null;
    }

    /** An unquoted timestamp is read by YAML as a date; a quoted one is text in ISO-8601. */
    private static Instant readExpires(Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add("expires: \"" + value + "\" is not an instant (expected ISO-8601 with a time zone, like 2026-12-01T18:00:00Z)");
        return null;
    }

    private static Selection readSelection(Object value, String name, List<String> problems) {
        if (value == null) {
            return Selection.EVERY;
        }
        if (!(value instanceof Map<?, ?> select)) {
            problems.add("select: \"" + value + "\" is not a map (expected pods, names or labels, like {pods: 33%})");
            return Selection.EVERY;
        }
        for (Object key : select.keySet()) {
            if (!SELECT_KEYS.contains(String.valueOf(key))) {
                problems.add("select." + key + ": is not a selection key (expected pods, names or labels)");
            }
        }
        Integer pods = readShare(select.get("pods"), name, problems);
        List<String> names = readNames(select.get("names"), problems);
        Map<String, String> labels = readLabels(select.get("labels"), problems);
        return new Selection(pods, names, labels);
    }

    private static Integer readShare(Object value, String name, List<String> problems) {
        if (value == null) {
            return null;
        }
        Matcher share = SHARE.matcher(String.valueOf(value));
        if (!(value instanceof String) || !share.matches()) {
            problems.add("select.pods: \"" + value + "\" is not a share of the fleet (expected a percentage from 0% to 100%, like 33%)");
            return null;
        }
        String fraction = share.group(2) == null ? "0" : (share.group(2) + "0").substring(0, 2);
        int hundredths = Integer.parseInt(share.group(1)) * 100 + Integer.parseInt(fraction);
        if (hundredths > PodHash.BUCKETS) {
            problems.add("select.pods: \"" + value + "\" is more than the whole fleet (expected a percentage from 0% to 100%, like 33%)");
            return null;
        }
        if (name == null) {
            problems.add("select.pods: \"" + value + "\" needs the plan's name, which decides the pods with the pod's name"
                    + " (expected a name: key beside select, like name: checkout-latency)");
        }
        return hundredths;
    }

    private static List<String> readNames(Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String || item instanceof Integer || item instanceof Long) {
                    names.add(String.valueOf(item));
                } else {
                    problems.add("select.names: \"" + item + "\" is not a pod name (expected a list of names, like [catalog-0, catalog-2])");
                }
            }
            return names;
        }
        problems.add("select.names: \"" + value + "\" is not a list (expected a list of pod names, like [catalog-0, catalog-2])");
        return null;
    }

    private static Map<String, String> readLabels(Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add("select.labels: \"" + value + "\" is not a map (expected labels and their values, like {app: catalog})");
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object label = entry.getValue();
            if (label instanceof String || label instanceof Integer || label instanceof Long) {
                labels.put(String.valueOf(entry.getKey()), String.valueOf(label));
            } else {
                problems.add("select.labels." + entry.getKey() + ": \"" + label + "\" is not a label value (expected text, quoted when"
                        + " YAML would read it as something else, like \"true\")");
            }
        }
        return labels;
    }

    private static boolean readEnabled(Object value, List<String> problems) {
        if (value == null || value instanceof Boolean) {
            return value == null || (Boolean) value;
        }
        problems.add("enabled: \"" + value + "\" is not a boolean (expected true or false)");
        return true;
    }

    private static Long readSeed(Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        problems.add("seed: \"" + value + "\" is not a whole number (expected like 42)");
        return null;
    }

    private List<Rule> readRules(Object value, List<String> problems) {
        List<Rule> parsed = new ArrayList<>();
        if (value == null) {
            return parsed;
        }
        if (!(value instanceof List<?> list)) {
            problems.add("rules: is not a list (expected a list of rules, each a map of keys such as target and latency)");
            return parsed;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String where = "rule " + (i + 1);
            if (!(item instanceof Map<?, ?> map)) {
                problems.add(where + ": is not a map (expected keys such as target and latency)");
                continue;
            }
            Object name = map.get("name");
            if (name != null) {
                where += " (" + name + ")";
            }
            try {
                Rule rule = rules.parse(map);
                if (rule.name() == null) {
                    rule = rule.withName("rule-" + (i + 1));
                }
                if (!names.add(rule.name())) {
                    problems.add(where + ": name: \"" + rule.name() + "\" is used twice (expected a unique name per rule)");
                    continue;
                }
                parsed.add(rule);
            } catch (InvalidRuleException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return type.equals("NoSuchFileException") ? "no such file" : type + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
