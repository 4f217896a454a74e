package dev.chaosagent.plan;

import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML plan ({@code enabled}, {@code seed}, {@code rules}). A plan is checked whole: every
 * problem is collected and the plan is refused if there is any, so that a half-good plan never
 * runs. Unnamed rules are named by position ({@code rule-1}, ...), which stays stable across reloads.
 */
public final class PlanParser {

    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("enabled", "seed", "rules");

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
            return new Plan(true, null, List.of());
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new InvalidPlanException(source, List.of("is not a plan (expected a map with enabled, seed and rules)"));
        }
        List<String> problems = new ArrayList<>();
        for (Object key : top.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(key + ": is not a plan key (expected enabled, seed or rules)");
            }
        }
        boolean enabled = readEnabled(top.get("enabled"), problems);
        Long seed = readSeed(top.get("seed"), problems);
        List<Rule> parsed = readRules(top.get("rules"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source, problems);
        }
        return new Plan(enabled, seed, parsed);
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
